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

    /// <summary>The condition the call stands for; <paramref name="call"/> is the whole text, "Microsoft.Dynamics.CRM.In(…)".</summary>
    public static ConditionExpression Parse(string call, Func<string, ColumnDefinition> columnFor)
    {
        var open = call.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? call[Prefix.Length..] : call[Prefix.Length..open];
        if (open < 0 || !call.EndsWith(')') || !Functions.TryGetValue(name, out var function))
        {
            throw DataverseFault.NotImplemented(
                $"'{(open < 0 ? call : call[..open])}' in $filter: of the Dataverse query functions the local Web API reads In, NotIn, Between and NotBetween. Query with FetchXML through the organization service for the others.");
        }

        var arguments = Arguments(call[(open + 1)..^1], call);
        if (!arguments.TryGetValue("PropertyName", out var property) || property.Values is not [var propertyName] || property.IsList
            || !arguments.TryGetValue("PropertyValues", out var values) || !values.IsList || arguments.Count != 2)
        {
            throw DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: {call} needs PropertyName='…' and PropertyValues=[…].");
        }

        if (function.Count is { } count && values.Values.Count != count)
        {
            throw DataverseFault.InvalidArgument(string.Create(CultureInfo.InvariantCulture,
                $"The query parameter $filter is not supported or invalid: {name} takes {count} PropertyValues, not {values.Values.Count}."));
        }

        if (values.Values.Count == 0)
        {
            throw DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: {name} needs at least one value in PropertyValues.");
        }

        var column = columnFor(propertyName);
        var typed = values.Values.Select(value => FilterParser.QueryValue(column, value)).ToArray();
        return new ConditionExpression(column.LogicalName, function.Operator, typed);
    }

    private sealed record Argument(bool IsList, List<string> Values);

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
