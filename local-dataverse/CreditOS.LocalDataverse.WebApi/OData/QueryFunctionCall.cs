using System.Globalization;
using System.Text;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The Dataverse query functions of $filter that take a column and a list of values: "Microsoft.Dynamics.CRM.In(PropertyName='name',
/// PropertyValues=['a','b'])", NotIn, and Between/NotBetween with two values ("…Between(PropertyName='numberofemployees',
/// PropertyValues=["5","2000"])", Filter rows using OData, "Dataverse query functions"). The values are strings, single- or
/// double-quoted, read as the column's type. "When you specify values in these filters that contain single quote … you must use double
/// quotes around the values … If you don't, you get the following error: Invalid JSON. A comma character ',' was expected in scope
/// 'Array'. Every two elements in an array and properties of an object must be separated by commas." (same page, "Manage single
/// quotes"). Other query functions, and parameter aliases (@p1), are refused as not implemented.
/// </summary>
internal static class QueryFunctionCall
{
    public const string Prefix = "Microsoft.Dynamics.CRM.";

    private static readonly Dictionary<string, (ConditionOperator Operator, int? Count)> Functions = new(StringComparer.Ordinal)
    {
        ["In"] = (ConditionOperator.In, null),
        ["NotIn"] = (ConditionOperator.NotIn, null),
        ["Between"] = (ConditionOperator.Between, 2),
        ["NotBetween"] = (ConditionOperator.NotBetween, 2),
    };

    /// <summary>
    /// Functions that take only PropertyName (Last7Days, Today, ThisMonth…: "Each function has a PropertyName parameter that specifies
    /// the property to be evaluated", Filter rows using OData, "Dataverse query functions"), carried out by the query engine as the
    /// condition operator of the same name, relative to its clock, users in UTC, weeks from Sunday (Query/Planning/DateWindow.cs), and
    /// the caller operators (EqualUserId: the caller; EqualBusinessId: the caller's business unit; EqualUserTeams…). Session 16.
    /// </summary>
    private static readonly Dictionary<string, ConditionOperator> WithoutValue = new(StringComparer.Ordinal)
    {
        ["Today"] = ConditionOperator.Today,
        ["Yesterday"] = ConditionOperator.Yesterday,
        ["Tomorrow"] = ConditionOperator.Tomorrow,
        ["Last7Days"] = ConditionOperator.Last7Days,
        ["Next7Days"] = ConditionOperator.Next7Days,
        ["ThisWeek"] = ConditionOperator.ThisWeek,
        ["LastWeek"] = ConditionOperator.LastWeek,
        ["NextWeek"] = ConditionOperator.NextWeek,
        ["ThisMonth"] = ConditionOperator.ThisMonth,
        ["LastMonth"] = ConditionOperator.LastMonth,
        ["NextMonth"] = ConditionOperator.NextMonth,
        ["ThisYear"] = ConditionOperator.ThisYear,
        ["LastYear"] = ConditionOperator.LastYear,
        ["NextYear"] = ConditionOperator.NextYear,
        ["EqualUserId"] = ConditionOperator.EqualUserId,
        ["NotEqualUserId"] = ConditionOperator.NotEqualUserId,
        ["EqualBusinessId"] = ConditionOperator.EqualBusinessId,
        ["NotEqualBusinessId"] = ConditionOperator.NotEqualBusinessId,
        ["EqualUserTeams"] = ConditionOperator.EqualUserTeams,
        ["EqualUserOrUserTeams"] = ConditionOperator.EqualUserOrUserTeams,
    };

    /// <summary>
    /// Functions with PropertyName and a PropertyValue "Edm.Int64 … The value to compare" (LastXDays Function, Web API Function
    /// Reference): the X of the last/next/older-than periods, written as a bare number.
    /// </summary>
    private static readonly Dictionary<string, ConditionOperator> WithCount = new(StringComparer.Ordinal)
    {
        ["LastXHours"] = ConditionOperator.LastXHours,
        ["NextXHours"] = ConditionOperator.NextXHours,
        ["LastXDays"] = ConditionOperator.LastXDays,
        ["NextXDays"] = ConditionOperator.NextXDays,
        ["LastXWeeks"] = ConditionOperator.LastXWeeks,
        ["NextXWeeks"] = ConditionOperator.NextXWeeks,
        ["LastXMonths"] = ConditionOperator.LastXMonths,
        ["NextXMonths"] = ConditionOperator.NextXMonths,
        ["LastXYears"] = ConditionOperator.LastXYears,
        ["NextXYears"] = ConditionOperator.NextXYears,
        ["OlderThanXMinutes"] = ConditionOperator.OlderThanXMinutes,
        ["OlderThanXHours"] = ConditionOperator.OlderThanXHours,
        ["OlderThanXDays"] = ConditionOperator.OlderThanXDays,
        ["OlderThanXWeeks"] = ConditionOperator.OlderThanXWeeks,
        ["OlderThanXMonths"] = ConditionOperator.OlderThanXMonths,
        ["OlderThanXYears"] = ConditionOperator.OlderThanXYears,
    };

    /// <summary>
    /// Functions with PropertyName and one quoted PropertyValue: a date for On/OnOrAfter/OnOrBefore, a row id for the hierarchy functions
    /// (Query hierarchical data: Under, UnderOrEqual, NotUnder, Above, AboveOrEqual over the table's hierarchical relationship; the query
    /// engine refuses them elsewhere, as Dataverse does).
    /// </summary>
    private static readonly Dictionary<string, ConditionOperator> WithValue = new(StringComparer.Ordinal)
    {
        ["On"] = ConditionOperator.On,
        ["OnOrAfter"] = ConditionOperator.OnOrAfter,
        ["OnOrBefore"] = ConditionOperator.OnOrBefore,
        ["Under"] = ConditionOperator.Under,
        ["UnderOrEqual"] = ConditionOperator.UnderOrEqual,
        ["NotUnder"] = ConditionOperator.NotUnder,
        ["Above"] = ConditionOperator.Above,
        ["AboveOrEqual"] = ConditionOperator.AboveOrEqual,
    };

    /// <summary>
    /// Every Dataverse query function, by its exact name: the groups of "Dataverse query functions" in Filter rows using OData
    /// (webapi/query/filter-rows: "The QueryFunctionIndex has the complete list"; "You must use the function's fully qualified name")
    /// and the full-text Contains function of its note. The names are case-sensitive, as the Web API's resource and property names are
    /// ("These resource names are case-sensitive", Troubleshoot Dataverse Web API client errors): a name that is none of these, or one
    /// in another case (Microsoft.Dynamics.CRM.lastxdays, microsoft.dynamics.crm.LastXDays), is an unknown function to the OData library.
    /// </summary>
    private static readonly HashSet<string> DataverseFunctions = new(StringComparer.Ordinal)
    {
        "InFiscalPeriod", "InFiscalPeriodAndYear", "InFiscalYear", "InOrAfterFiscalPeriodAndYear", "InOrBeforeFiscalPeriodAndYear",
        "Last7Days", "LastFiscalPeriod", "LastFiscalYear", "LastMonth", "LastWeek", "LastXDays", "LastXFiscalPeriods", "LastXFiscalYears",
        "LastXHours", "LastXMonths", "LastXWeeks", "LastXYears", "LastYear", "Next7Days", "NextFiscalPeriod", "NextFiscalYear",
        "NextMonth", "NextWeek", "NextXDays", "NextXFiscalPeriods", "NextXFiscalYears", "NextXHours", "NextXMonths",
        "NextXWeeks", "NextXYears", "NextYear", "OlderThanXDays", "OlderThanXHours", "OlderThanXMinutes", "OlderThanXMonths",
        "OlderThanXWeeks", "OlderThanXYears", "On", "OnOrAfter", "OnOrBefore", "ThisFiscalPeriod", "ThisFiscalYear", "ThisMonth",
        "ThisWeek", "ThisYear", "Today", "Tomorrow", "Yesterday",
        "EqualBusinessId", "EqualUserId", "NotEqualBusinessId", "NotEqualUserId",
        "Above", "AboveOrEqual", "EqualUserOrUserHierarchy", "EqualUserOrUserHierarchyAndTeams", "EqualUserOrUserTeams",
        "EqualUserTeams", "NotUnder", "Under", "UnderOrEqual",
        "ContainValues", "DoesNotContainValues", "Between", "NotBetween", "In", "NotIn", "EqualUserLanguage", "Contains",
    };

    /// <summary>Whether <paramref name="text"/> at <paramref name="position"/> begins with the service namespace, in any case (a wrong case is refused by <see cref="Parse"/>).</summary>
    public static bool StartsAt(string text, int position) =>
        string.Compare(text, position, Prefix, 0, Prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>The functions read here, for the refusal of the others.</summary>
    private static string Implemented => string.Join(", ", Functions.Keys.Concat(WithoutValue.Keys).Concat(WithCount.Keys).Concat(WithValue.Keys));

    /// <summary>The condition the call stands for; <paramref name="call"/> is the whole text, "Microsoft.Dynamics.CRM.In(…)".</summary>
    public static ConditionExpression Parse(string call, Func<string, ColumnDefinition> columnFor)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(columnFor);
        var open = call.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? call[Prefix.Length..] : call[Prefix.Length..open];
        if (open > 0 && (!call.StartsWith(Prefix, StringComparison.Ordinal) || !DataverseFunctions.Contains(name)))
        {
            throw UnknownFunction(call[..open]);
        }

        var known = Functions.ContainsKey(name) || WithoutValue.ContainsKey(name) || WithCount.ContainsKey(name) || WithValue.ContainsKey(name);
        if (open < 0 || !call.EndsWith(')') || !known)
        {
            // The fiscal-period functions need the organization's fiscal settings, EqualUserLanguage the user's language, the user-hierarchy
            // ones the manager/position hierarchy, ContainValues a multi-select choice column: none is modelled locally.
            throw DataverseFault.NotImplemented(
                $"'{(open < 0 ? call : call[..open])}' in $filter: of the Dataverse query functions the local Web API reads {Implemented}. Query with FetchXML through the organization service for the others.");
        }

        var arguments = Arguments(call[(open + 1)..^1], call);
        if (!arguments.TryGetValue("PropertyName", out var property) || property.Values is not [var propertyName] || property.IsList || property.IsBare)
        {
            throw Invalid($"{call} needs PropertyName='…'");
        }

        var column = columnFor(propertyName);
        if (WithoutValue.TryGetValue(name, out var plain))
        {
            return arguments.Count == 1 ? new ConditionExpression(column.LogicalName, plain) : throw Invalid($"{name} takes only PropertyName");
        }

        if (WithCount.TryGetValue(name, out var counted))
        {
            return arguments.Count == 2 && arguments.TryGetValue("PropertyValue", out var x) && x is { IsBare: true, Values: [var number] }
                && int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)
                ? new ConditionExpression(column.LogicalName, counted, count)
                : throw Invalid($"{name} takes PropertyName and PropertyValue, a whole number (Edm.Int64) written without quotes");
        }

        if (WithValue.TryGetValue(name, out var single))
        {
            return arguments.Count == 2 && arguments.TryGetValue("PropertyValue", out var given) && given is { IsBare: false, IsList: false, Values: [var text] }
                ? new ConditionExpression(column.LogicalName, single, FilterParser.QueryValue(column, text))
                : throw Invalid($"{name} takes PropertyName and PropertyValue='…'");
        }

        var function = Functions[name];
        if (!arguments.TryGetValue("PropertyValues", out var values) || !values.IsList || arguments.Count != 2)
        {
            throw Invalid($"{call} needs PropertyName='…' and PropertyValues=[…]");
        }

        if (function.Count is { } expected && values.Values.Count != expected)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"{name} takes {expected} PropertyValues, not {values.Values.Count}"));
        }

        if (values.Values.Count == 0)
        {
            throw Invalid($"{name} needs at least one value in PropertyValues");
        }

        var typed = values.Values.Select(value => FilterParser.QueryValue(column, value)).ToArray();
        return new ConditionExpression(column.LogicalName, function.Operator, typed);
    }

    /// <summary>
    /// The OData library's answer for a function name its case-sensitive resolver does not find (odata.net's
    /// ParseWithMixedCaseCustomUriFunction_DisableCaseInsensitive_ShouldFailed: "An unknown function with name 'mYMixedCasesTrInGfUnCtIoN'
    /// was found. This may also be a function import or a key lookup on a navigation property, which is not allowed."), with the code 0x0
    /// Dataverse gives the library's URI parser errors.
    /// </summary>
    internal static System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> UnknownFunction(string qualifiedName) =>
        DataverseFault.Create(WebApiErrorCodes.UriParserError,
            $"An unknown function with name '{qualifiedName}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.");

    private static System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> Invalid(string problem) =>
        DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: {problem}.");

    private sealed record Argument(bool IsList, List<string> Values, bool IsBare = false);

    private static Dictionary<string, Argument> Arguments(string text, string call)
    {
        var arguments = new Dictionary<string, Argument>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            var equals = text.IndexOf('=', position);
            if (equals < 0)
            {
                throw DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: the arguments of {call} are not name=value pairs.");
            }

            var name = text[position..equals].Trim();
            position = SkipSpaces(text, equals + 1);
            if (position < text.Length && text[position] == '@')
            {
                throw DataverseFault.NotImplemented($"parameter aliases in $filter ({call}); write the values in the call");
            }

            Argument argument;
            if (position < text.Length && text[position] == '[')
            {
                argument = new Argument(true, List(text, ref position));
            }
            else if (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '-'))
            {
                // A bare number: an Edm.Int64 PropertyValue (LastXDays…).
                var end = position;
                while (end < text.Length && text[end] != ',' && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                argument = new Argument(false, [text[position..end]], IsBare: true);
                position = end;
            }
            else
            {
                argument = new Argument(false, [Quoted(text, ref position, call)]);
            }

            arguments[name] = argument;
            position = SkipSpaces(text, position);
            if (position < text.Length)
            {
                if (text[position] != ',')
                {
                    throw DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: expected ',' in {call}.");
                }

                position++;
            }
        }

        return arguments;
    }

    /// <summary>A JSON-like array of quoted strings.</summary>
    private static List<string> List(string text, ref int position)
    {
        var values = new List<string>();
        position = SkipSpaces(text, position + 1);
        while (position < text.Length && text[position] != ']')
        {
            values.Add(Quoted(text, ref position, text));
            position = SkipSpaces(text, position);
            if (position < text.Length && text[position] == ',')
            {
                position = SkipSpaces(text, position + 1);
            }
            else if (position >= text.Length || text[position] != ']')
            {
                throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError,
                    "Invalid JSON. A comma character ',' was expected in scope 'Array'. Every two elements in an array and properties of an object must be separated by commas.");
            }
        }

        if (position >= text.Length)
        {
            throw DataverseFault.InvalidArgument("The query parameter $filter is not supported or invalid: a PropertyValues array is not closed.");
        }

        position++;
        return values;
    }

    /// <summary>'text' (a doubled quote is one) or "text" (JSON string, \" and \\ escapes).</summary>
    private static string Quoted(string text, ref int position, string context)
    {
        if (position >= text.Length || text[position] is not ('\'' or '"'))
        {
            throw DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: expected a quoted value in {context}.");
        }

        var quote = text[position++];
        var value = new StringBuilder();
        while (position < text.Length)
        {
            var current = text[position++];
            if (quote == '"' && current == '\\' && position < text.Length)
            {
                value.Append(text[position++]);
            }
            else if (current == quote && quote == '\'' && position < text.Length && text[position] == '\'')
            {
                value.Append('\'');
                position++;
            }
            else if (current == quote)
            {
                return value.ToString();
            }
            else
            {
                value.Append(current);
            }
        }

        throw DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: an unterminated value in {context}.");
    }

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }
}
