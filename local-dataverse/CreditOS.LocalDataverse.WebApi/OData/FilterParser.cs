using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Parses the part of OData $filter the product uses: comparisons (eq, ne, gt, ge, lt, le) of a column or
/// _lookup_value with a literal and the string functions contains, startswith and endswith (the standard functions
/// Dataverse supports: "Filter rows", learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows),
/// combined with and / or and parentheses, into a QueryExpression filter. The lambda operators any and all over collection-valued
/// navigation properties are resolved through an <see cref="ILambdaResolver"/> when one is given (see <see cref="ParseLambda"/>). The
/// other Microsoft.Dynamics.CRM query functions, not, paths through lookups and arithmetic are refused as not implemented here.
/// </summary>
public sealed class FilterParser
{
    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = ConditionOperator.Equal,
        ["ne"] = ConditionOperator.NotEqual,
        ["gt"] = ConditionOperator.GreaterThan,
        ["ge"] = ConditionOperator.GreaterEqual,
        ["lt"] = ConditionOperator.LessThan,
        ["le"] = ConditionOperator.LessEqual,
    };

    private readonly TableDefinition _table;
    private readonly List<string> _tokens;
    private readonly ILambdaResolver? _lambdas;
    /// <summary>Inside a lambda, its range variable ("c" in c/jobtitle); null at the top level.</summary>
    private readonly string? _variable;
    /// <summary>The range variables of the lambdas this one is nested in (OData refuses declaring one again).</summary>
    private readonly IReadOnlyList<string> _outerVariables = [];
    /// <summary>Where properties of related rows (primarycontactid/fullname) are resolved; null where the caller cannot add links.</summary>
    private readonly LookupPaths? _paths;
    private int _position;

    private FilterParser(TableDefinition table, string filter, ILambdaResolver? lambdas, LookupPaths? paths)
    {
        _table = table;
        _tokens = Tokenize(filter);
        _lambdas = lambdas;
        _paths = paths;
    }

    /// <summary>A lambda's predicate: the same tokens, read on the collection's table with its range variable.</summary>
    private FilterParser(FilterParser outer, TableDefinition table, string variable)
    {
        _table = table;
        _tokens = outer._tokens;
        _position = outer._position;
        _lambdas = outer._lambdas;
        _variable = variable;
        _outerVariables = outer._variable is null ? outer._outerVariables : [.. outer._outerVariables, outer._variable];
    }

    public static FilterExpression Parse(TableDefinition table, string filter, ILambdaResolver? lambdas = null) =>
        Parse(table, filter, lambdas, paths: null);

    /// <param name="paths">Resolves properties of related rows; the caller adds its <see cref="LookupPaths.Links"/> to the query.</param>
    internal static FilterExpression Parse(TableDefinition table, string filter, ILambdaResolver? lambdas, LookupPaths? paths)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(filter);
        var parser = new FilterParser(table, filter, lambdas, paths);
        var expression = parser.ParseOr();
        if (parser._position != parser._tokens.Count)
        {
            throw Invalid($"unexpected '{parser._tokens[parser._position]}'");
        }

        return expression;
    }

    private FilterExpression ParseOr()
    {
        var filter = new FilterExpression(LogicalOperator.Or);
        Add(filter, ParseAnd());
        while (Accept("or"))
        {
            Add(filter, ParseAnd());
        }

        return filter.Filters.Count == 1 && filter.Conditions.Count == 0 ? filter.Filters[0] : filter;
    }

    private FilterExpression ParseAnd()
    {
        var filter = new FilterExpression(LogicalOperator.And);
        AddTerm(filter);
        while (Accept("and"))
        {
            AddTerm(filter);
        }

        return filter;
    }

    private void AddTerm(FilterExpression filter)
    {
        if (Accept("not"))
        {
            // "not | Logical negation | $filter=not contains(name,'sample')" (Filter rows using OData, "Logical operators"); "You can use
            // these functions with the logical operator not to negate the result" (same page, "Use OData query functions"). It binds
            // tighter than and/or (OData URL conventions, operator precedence). A QueryExpression has no negation, so the term is
            // rewritten: each condition's operator by its complement, and/or swapped (De Morgan). Both keep SQL's three-valued logic:
            // not (revenue eq 5) leaves out a null revenue as revenue ne 5 does, and "Records aren't returned if the expression
            // evaluates to … null" (same page). A condition without a complement the query engine knows is refused (501). Session 16.
            var negated = new FilterExpression(LogicalOperator.And);
            AddTerm(negated);
            Add(filter, Negation.Of(negated));
            return;
        }

        if (Accept("("))
        {
            Add(filter, ParseOr());
            Expect(")");
            return;
        }

        filter.AddCondition(ParseComparison());
    }

    private static readonly Dictionary<string, (string Before, string After)> StringFunctions = new(StringComparer.Ordinal)
    {
        ["contains"] = ("%", "%"),
        ["startswith"] = (string.Empty, "%"),
        ["endswith"] = ("%", string.Empty),
    };

    private ConditionExpression ParseComparison()
    {
        var property = Next("a column name");
        if (QueryFunctionCall.StartsAt(property, 0))
        {
            return QueryFunctionCall.Parse(property, FunctionColumnFor);
        }

        var prefixed = _variable is not null && property.StartsWith(_variable + "/", StringComparison.Ordinal);
        var path = prefixed ? property[(_variable!.Length + 1)..] : property;
        if (_lambdas is not null && LambdaKind(path) is { } kind && _position < _tokens.Count && _tokens[_position] == "(")
        {
            if (_variable is not null && !prefixed)
            {
                // Without the range variable the collection is the outer row's ($it), not the lambda's row: the local host read it
                // on the lambda's table (a contact's collection of the same name, or a wrong "could not find" answer).
                throw DataverseFault.NotImplemented($"'{property}' inside a lambda: a collection of the outer row ($it) there; name the lambda's row through its range variable ('{_variable}/…')");
            }

            return ParseLambda(path[..^4], kind);
        }

        if (path.Contains('/', StringComparison.Ordinal) && (_variable is not null || _paths is null))
        {
            throw DataverseFault.NotImplemented(
                $"'{property}' in $filter: the local Web API reads comparisons (eq, ne, gt, ge, lt, le), contains, startswith and endswith, not, and the Dataverse query functions listed by QueryFunctionCall, joined by and / or. Lambdas (collection/any(o:…), collection/all(o:…)) are read on collection-valued navigation properties. Paths through lookups (primarycontactid/fullname) are read at the top level of a query's $filter only; query with FetchXML through the organization service for the others.");
        }

        if (_position < _tokens.Count && _tokens[_position] == "(")
        {
            return ParseFunction(property);
        }

        var operand = Operand(property);
        var condition = Compare(operand.Column, property);
        if (operand.Alias is not null)
        {
            condition.EntityName = operand.Alias;
        }

        return condition;
    }

    /// <summary>The comparison after its property: operator and value (a literal, null, or another property of the row).</summary>
    private ConditionExpression Compare(ColumnDefinition column, string property)
    {
        var operatorToken = Next("a comparison operator");
        if (!Operators.TryGetValue(operatorToken, out var comparison))
        {
            throw Invalid($"'{operatorToken}' is not a supported operator");
        }

        var literal = Next("a value");
        if (literal == "null")
        {
            return comparison switch
            {
                ConditionOperator.Equal => new ConditionExpression(column.LogicalName, ConditionOperator.Null),
                ConditionOperator.NotEqual => new ConditionExpression(column.LogicalName, ConditionOperator.NotNull),
                _ => throw Invalid("null can only be compared with eq or ne"),
            };
        }

        if (IsPropertyPath(literal))
        {
            if (property.Contains('/', StringComparison.Ordinal))
            {
                throw DataverseFault.NotImplemented($"comparing the related row's '{property}' with the column '{literal}' in $filter; compare it with a literal");
            }

            // "Column comparison … the following query returns contacts where the firstname equals the lastname:
            // $filter=firstname eq lastname … the column types must match" (Filter rows using OData, webapi/query/filter-rows).
            // A bare name is a property of the row, never a string: the local host used to compare with the text 'lastname'.
            var other = ColumnFor(literal);
            if (EdmType(other) != EdmType(column))
            {
                throw IncompatibleTypes(column, EdmType(other), operatorToken);
            }

            return new ConditionExpression(column.LogicalName, comparison, true, other.LogicalName);
        }

        // OData compares values of one type: a quoted string with a text column, a bare number with a number or choice column
        // (OData URL conventions, "Primitive literals"; the OData library answers "A binary operator with incompatible types
        // was detected" otherwise). The local host used to unquote any literal and convert it, so revenue eq '5' or
        // name eq 5 ran; they are refused now. A quoted GUID for a GUID column is still read, as Dataverse reads it.
        var literalType = LiteralType(literal);
        if (literalType == "Unknown")
        {
            throw DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, $"Syntax error in $filter: '{literal}' is neither a literal nor a property of 'Microsoft.Dynamics.CRM.{_table.LogicalName}'; quote strings ('…').");
        }

        if (!Compatible(column, literalType))
        {
            throw IncompatibleTypes(column, literalType, operatorToken);
        }

        if (literalType == "Edm.Number" && !NumberFits(column, literal))
        {
            throw NumberOfAnotherType(column, literal);
        }

        return new ConditionExpression(column.LogicalName, comparison, QueryValue(column, Unquote(literal)));
    }

    /// <summary>Whether a number literal is a value of the column's own type (as <see cref="QueryValue"/> reads it).</summary>
    private static bool NumberFits(ColumnDefinition column, string literal) => !IsTypedNumber(literal) && EdmType(column) switch
    {
        "Edm.Int32" => int.TryParse(literal, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "Edm.Int64" => long.TryParse(literal, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "Edm.Decimal" => decimal.TryParse(literal, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        _ => true,
    };

    /// <summary>
    /// A number literal of another numeric type than its column: 1500.0 or 2e3 for an Edm.Int32, 3000000000 (an Edm.Int64 literal) for an
    /// Edm.Int32, 5e2 (an Edm.Double) for an Edm.Decimal, and any literal typed by a suffix (5L, 5.5M, 5.5d, 5f). The OData library
    /// Dataverse parses $filter with accepts these: its relational operators are defined for each numeric type and it promotes an
    /// operand along "int32->long->single->double->decimal" (odata.net, Microsoft.OData.Core/UriParser/TypePromotionUtils.cs,
    /// relationalSignatures and CompareConversions), so Dataverse does not refuse them as a parse error; what it then compares (converted to the column's type, rounded, refused by the query) is not published.
    /// Round 24 (session 32): answered 501; before, 400 0x80040203 "… is not a valid value …" told a client Dataverse refuses them
    /// (round 11 made the overflow a 400 rather than an empty 500; the fraction and the exponent were 400 since round 10).
    /// </summary>
    private static Exception NumberOfAnotherType(ColumnDefinition column, string literal) =>
        DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
            $"comparing the {EdmType(column)} column '{column.LogicalName}' with the number {literal} in $filter: the OData library Dataverse parses $filter with promotes the column to the literal's numeric type (int32->long->single->double->decimal), but what Dataverse compares then is not published; give a value of the column's own type ({OwnTypeHint(column)})"));

    private static string OwnTypeHint(ColumnDefinition column) => EdmType(column) switch
    {
        "Edm.Int32" => "a whole number from -2147483648 to 2147483647, no decimal point or exponent",
        "Edm.Int64" => "a whole number from -9223372036854775808 to 9223372036854775807, no decimal point or exponent",
        _ => "a decimal number without an exponent",
    };

    /// <summary>
    /// A date-time compared with a date only column in $filter (<c>cos_duedate ge 2026-12-06T00:00:00Z</c>, or as the PropertyValue of
    /// On/OnOrAfter/In…, an Edm.String parameter): the OData library accepts the comparison (it promotes the Edm.Date property to
    /// Edm.DateTimeOffset, the rule round 18 relied on for <c>createdon ge 2026-12-06</c>), so the local host's 400s ("incompatible types",
    /// "Cannot convert the literal … to the expected type 'Edm.Date'") claimed refusals Dataverse's parser does not make. Whether Dataverse
    /// then compares the date, the instant or refuses is not documented: 501 (session 27). A date (yyyy-MM-dd) is answered as before.
    /// </summary>
    private static void RefuseDateTimeForDateOnly(ColumnDefinition column, string literal)
    {
        if (column.Type == ColumnType.DateTime && column.DateTimeBehavior == DateTimeBehavior.DateOnly
            && literal.Length > EdmDate.DateFormat.Length && literal[EdmDate.DateFormat.Length] == 'T')
        {
            throw DataverseFault.NotImplemented(
                $"comparing the date only column '{column.LogicalName}' with the date-time '{literal}' in $filter: the OData library Dataverse parses $filter with accepts it (an Edm.Date promotes to Edm.DateTimeOffset), but what Dataverse compares then is not documented; compare with a date (yyyy-MM-dd)");
        }
    }

    /// <summary>The OData (Edm) type name of a column as the Web API's $metadata declares it.</summary>
    internal static string EdmType(ColumnDefinition column) => column.Type switch
    {
        ColumnType.String or ColumnType.Memo => "Edm.String",
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => "Edm.Guid",
        ColumnType.Picklist or ColumnType.State or ColumnType.Status or ColumnType.Integer => "Edm.Int32",
        ColumnType.BigInt => "Edm.Int64",
        ColumnType.Money or ColumnType.Decimal => "Edm.Decimal",
        ColumnType.Double => "Edm.Double",
        ColumnType.Boolean => "Edm.Boolean",
        ColumnType.DateTime when column.DateTimeBehavior == DateTimeBehavior.DateOnly => "Edm.Date",
        ColumnType.DateTime => "Edm.DateTimeOffset",
        _ => column.Type.ToString(),
    };

    /// <summary>The kind of an OData literal: Edm.String when quoted, Edm.Boolean for true/false, Edm.Guid, a date, or a number.</summary>
    private static string LiteralType(string literal) =>
        literal.Length >= 2 && literal[0] == '\'' ? "Edm.String"
        : literal is "true" or "false" ? "Edm.Boolean"
        : Guid.TryParseExact(literal, "D", out _) ? "Edm.Guid"
        : literal.Length > 4 && char.IsAsciiDigit(literal[0]) && literal.Contains('-', StringComparison.Ordinal) ? (literal.Contains('T', StringComparison.Ordinal) ? "Edm.DateTimeOffset" : "Edm.Date")
        : double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || IsTypedNumber(literal) ? "Edm.Number"
        : "Unknown";

    /// <summary>
    /// A number with the OData library's type suffix: M/m (Edm.Decimal), D/d (Edm.Double), L/l (Edm.Int64), F/f (Edm.Single), which its
    /// ExpressionLexer.ParseFromDigit still reads (odata.net, src/Microsoft.OData.Core/UriParser/ExpressionLexer.cs). The local host
    /// answered 400 "Syntax error … is neither a literal nor a property" before round 24; they are answered 501 (<see cref="NumberFits"/>).
    /// </summary>
    private static bool IsTypedNumber(string literal) =>
        literal.Length >= 2 && "MmDdLlFf".Contains(literal[^1], StringComparison.Ordinal) && char.IsAsciiDigit(literal[^2])
        && double.TryParse(literal.AsSpan(0, literal.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool Compatible(ColumnDefinition column, string literalType)
    {
        var columnType = EdmType(column);
        return literalType switch
        {
            "Edm.String" => columnType is "Edm.String" or "Edm.Guid",
            "Edm.Number" => columnType is "Edm.Int32" or "Edm.Int64" or "Edm.Decimal" or "Edm.Double",
            "Edm.Boolean" => columnType == "Edm.Boolean",
            "Edm.Guid" => columnType == "Edm.Guid",
            // A date-time literal compares with a date-time column; a date with either (Dataverse's "on" comparisons use dates). The OData
            // library promotes an Edm.Date operand to Edm.DateTimeOffset whichever side it is on (MetadataUtilsCommon.CanConvertPrimitiveTypeTo:
            // Date converts to Date or DateTimeOffset), so a date-time literal against a date only column parses too (QueryValue answers it).
            "Edm.DateTimeOffset" => columnType is "Edm.DateTimeOffset" or "Edm.Date",
            "Edm.Date" => columnType is "Edm.Date" or "Edm.DateTimeOffset",
            _ => false,
        };
    }

    /// <summary>A bare name (a column or _x_value), not a literal: the right-hand side of a column comparison.</summary>
    private static bool IsPropertyPath(string token) =>
        token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] == '_') && token is not "true" and not "false" and not "null"
        && !Guid.TryParseExact(token, "D", out _) && token.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static Exception IncompatibleTypes(ColumnDefinition column, string otherType, string operatorToken) =>
        DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, string.Create(CultureInfo.InvariantCulture,
            $"A binary operator with incompatible types was detected. Found operand types '{EdmType(column)}' and '{(otherType == "Edm.Number" ? "Edm.Int32" : otherType)}' for operator kind '{OperatorKinds[operatorToken]}'."));

    private static readonly Dictionary<string, string> OperatorKinds = new(StringComparer.Ordinal)
    {
        ["eq"] = "Equal", ["ne"] = "NotEqual", ["gt"] = "GreaterThan", ["ge"] = "GreaterThanOrEqual", ["lt"] = "LessThan", ["le"] = "LessThanOrEqual",
    };

    /// <summary>
    /// contains(name,'x'), startswith(…), endswith(…) on a string column: a LIKE whose text keeps its wildcards. "When composing
    /// filters using strings, you can apply the following wildcard characters: % _ [] [^]", and "startswith(name,'%value')" is
    /// Microsoft's example of a (discouraged) leading wildcard (Filter rows using OData, "Use wildcard characters"): the text is
    /// not escaped, so contains(name,'[_]') finds a literal underscore and contains(name,'a_c') any one character between.
    /// </summary>
    /// <summary>
    /// The OData library's built-in functions, by their exact names (odata.net BuiltInUriFunctions: a dictionary with StringComparer.Ordinal,
    /// plus cast and isof). A name outside it (Contains, StartsWith, foo) is an unknown function to the library before Dataverse sees it;
    /// a name in it that Dataverse does not read (tolower, year) is Dataverse's own refusal.
    /// </summary>
    private static readonly HashSet<string> ODataBuiltInFunctions = new(StringComparer.Ordinal)
    {
        "endswith", "indexof", "replace", "startswith", "tolower", "toupper", "trim", "substring", "contains", "concat", "length", "matchesPattern",
        "geo.distance", "geo.intersects", "geo.length", "year", "month", "day", "hour", "minute", "second", "fractionalseconds", "date", "time",
        "totaloffsetminutes", "now", "maxdatetime", "mindatetime", "totalseconds", "round", "floor", "ceiling", "cast", "isof",
    };

    private ConditionExpression ParseFunction(string function)
    {
        if (!ODataBuiltInFunctions.Contains(function))
        {
            throw QueryFunctionCall.UnknownFunction(function);
        }

        if (!StringFunctions.TryGetValue(function, out var wildcards))
        {
            throw Invalid($"'{function}' is not a function Dataverse supports in $filter (contains, startswith, endswith)");
        }

        Expect("(");
        var operand = Operand(Next("a column name"));
        var column = operand.Column;
        var arguments = new List<string>();
        while (Accept(","))
        {
            arguments.Add(Next("an argument"));
        }

        Expect(")");
        if (arguments.Count != 1 || column.Type is not ColumnType.String and not ColumnType.Memo || !MayBeString(arguments[0]))
        {
            throw NoMatchingSignature(function);
        }

        var literal = arguments[0];
        if (literal.Length < 2 || literal[0] != '\'')
        {
            throw Invalid($"{function} compares a text column with a quoted string, not '{column.LogicalName}' with {literal}");
        }

        return new ConditionExpression(operand.Alias, column.LogicalName, ConditionOperator.Like, wildcards.Before + Unquote(literal) + wildcards.After);
    }

    /// <summary>
    /// Whether an argument can be an Edm.String for the OData library's function binder: a quoted literal, null, or a text column (a
    /// path through lookups or a range variable is left to the checks after, which refuse what is not a quoted string).
    /// </summary>
    private bool MayBeString(string argument) =>
        argument[0] == '\'' || argument == "null" || argument.Contains('/', StringComparison.Ordinal)
        || _table.FindColumn(argument) is { Type: ColumnType.String or ColumnType.Memo };

    /// <summary>
    /// contains, startswith and endswith take two Edm.String arguments; with another number of arguments, or a number, GUID, date,
    /// choice or lookup among them, the OData library's function binder fails before Dataverse translates the query:
    /// "No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered
    /// are: contains(Edm.String Nullable=true, Edm.String Nullable=true)." (MetadataBinder_NoApplicableFunctionFound, OData/odata.net),
    /// with 0x0, the code Dataverse answers for the library's URI errors. The local host answered 0x80040203 in its own words (round 11).
    /// </summary>
    private static Exception NoMatchingSignature(string function) =>
        DataverseFault.Create(WebApiErrorCodes.UriParserError,
            $"No function signature for the function with name '{function}' matches the specified arguments. The function signatures considered are: {function}(Edm.String Nullable=true, Edm.String Nullable=true).");

    private ColumnDefinition ColumnFor(string property) => QueryOptions.Property(_table, Unprefixed(property));

    /// <summary>
    /// A Dataverse query function's PropertyName is the column's logical name, not its OData property: a lookup is named 'ownerid', not
    /// '_ownerid_value'. The reference says only "The name of the property to evaluate" (EqualUserId Function); a live run quoted in a
    /// public project log answered In(PropertyName='_opportunityid_value',…) with HTTP 400 "'OpportunityProduct' entity doesn't contain
    /// attribute with Name = '_opportunityid_value'" and worked with 'opportunityid', and public clients send
    /// EqualUserId(PropertyName='ownerid'). The name goes to the query as a condition's attribute, so an unknown one is the query builder's
    /// 0x80041103. The local host took the OData property (refusing 'ownerid', taking '_ownerid_value') before round 22 (session 30).
    /// </summary>
    private ColumnDefinition FunctionColumnFor(string property)
    {
        var name = Unprefixed(property);
        return _table.FindColumn(name) ?? throw DataverseFault.UnknownColumn(_table, name);
    }

    /// <summary>A property of the row, or of a related row through single-valued navigation properties (with its link's alias).</summary>
    private PathOperand Operand(string property)
    {
        if (_variable is null && _paths is not null && property.Contains('/', StringComparison.Ordinal))
        {
            var resolved = _paths.Resolve(_table, property);
            return new PathOperand(resolved.Column, resolved.Alias);
        }

        return new PathOperand(ColumnFor(property), null);
    }

    private sealed record PathOperand(ColumnDefinition Column, string? Alias);

    /// <summary>
    /// Inside a lambda a property is named through the range variable ("c/jobtitle"); the prefix is removed. A name without it
    /// would be the outer row's ($it), which the local host does not implement.
    /// </summary>
    private string Unprefixed(string property)
    {
        if (_variable is null)
        {
            return property;
        }

        var prefix = _variable + "/";
        return property.StartsWith(prefix, StringComparison.Ordinal) && property.Length > prefix.Length
            ? property[prefix.Length..]
            : throw DataverseFault.NotImplemented($"'{property}' inside the lambda on '{_table.LogicalName}': name the collection's properties through the range variable ('{prefix}…'); the outer row's properties are not implemented there");
    }

    private static string? LambdaKind(string property) =>
        property.EndsWith("/any", StringComparison.Ordinal) ? "any" : property.EndsWith("/all", StringComparison.Ordinal) ? "all" : null;

    /// <summary>
    /// "&lt;collection&gt;/[any | all](o:&lt;expression to evaluate&gt;)": any is true when the expression is true for a member of the
    /// collection ("The any operator without an argument returns true if the collection isn't empty"), all when it is true for all
    /// its members (Filter rows using OData, webapi/query/filter-rows, "Filter using values of related collections"). Nested lambdas
    /// (c/opportunity_customer_contacts/any(…)) are read by the predicate's own parser. "You can't include conditions on
    /// collection-valued navigation properties that are nested in a lookup navigation property" (same page): such a path is refused
    /// as a path through a lookup (501).
    /// </summary>
    private ConditionExpression ParseLambda(string navigation, string kind)
    {
        if (navigation.Contains('/', StringComparison.Ordinal))
        {
            throw DataverseFault.NotImplemented($"'{navigation}/{kind}' in $filter: a collection reached through a lookup (Dataverse does not support it either: Filter rows using OData)");
        }

        var target = _lambdas!.Target(_table, navigation);
        Expect("(");
        if (Accept(")"))
        {
            return kind == "any"
                ? _lambdas.Resolve(_table, navigation, kind, null)
                : throw Invalid($"'{navigation}/all()' needs a lambda expression (o:…); only any may be written without one");
        }

        var head = Next("a lambda expression (o:…)");
        var colon = head.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !head[..colon].All(char.IsAsciiLetterOrDigit))
        {
            throw Invalid($"'{head}' does not start a lambda expression: write {navigation}/{kind}(o:o/column eq …)");
        }

        var variable = head[..colon];
        if (variable == _variable || _outerVariables.Contains(variable))
        {
            // UriQueryExpressionParser_RangeVariableAlreadyDeclared; the local host let the inner one hide the outer one.
            throw DataverseFault.Create(WebApiErrorCodes.UriParserError, $"The range variable '{variable}' has already been declared.");
        }

        // The token after the colon ("c/jobtitle", "contains") is the predicate's first; "e:" before a parenthesis is alone.
        if (colon + 1 < head.Length)
        {
            _tokens[--_position] = head[(colon + 1)..];
        }

        var predicate = new FilterParser(this, target, head[..colon]);
        var expression = predicate.ParseOr();
        _position = predicate._position;
        Expect(")");
        return _lambdas.Resolve(_table, navigation, kind, expression);
    }

    /// <summary>The value as the query engine compares it: choices as numbers, lookups as ids, money as decimals.</summary>
    public static object QueryValue(ColumnDefinition column, string literal)
    {
        ArgumentNullException.ThrowIfNull(column);
        RefuseDateTimeForDateOnly(column, literal);
        try
        {
            return column.Type switch
            {
                ColumnType.String or ColumnType.Memo => literal,
                ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => Guid.Parse(literal),
                ColumnType.Picklist or ColumnType.State or ColumnType.Status or ColumnType.Integer => int.Parse(literal, CultureInfo.InvariantCulture),
                ColumnType.BigInt => long.Parse(literal, CultureInfo.InvariantCulture),
                ColumnType.Money or ColumnType.Decimal => decimal.Parse(literal, CultureInfo.InvariantCulture),
                ColumnType.Double => double.Parse(literal, CultureInfo.InvariantCulture),
                ColumnType.Boolean => bool.Parse(literal),
                ColumnType.DateTime => EdmDate.ParseFor(column, literal),
                _ => literal,
            };
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            // A number outside the column's type (99999999999 for an Edm.Int32) overflowed into an empty 500 before round 11.
            throw Invalid($"'{literal}' is not a valid value for '{column.LogicalName}'");
        }
    }

    private static void Add(FilterExpression parent, FilterExpression child)
    {
        if (child.FilterOperator == parent.FilterOperator || child.Conditions.Count + child.Filters.Count == 1)
        {
            foreach (var condition in child.Conditions)
            {
                parent.AddCondition(condition);
            }

            foreach (var nested in child.Filters)
            {
                parent.AddFilter(nested);
            }

            return;
        }

        parent.AddFilter(child);
    }

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && _tokens[_position] == token)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Invalid($"expected '{token}'");
        }
    }

    private string Next(string what) =>
        _position < _tokens.Count ? _tokens[_position++] : throw Invalid($"expected {what}");

    private static string Unquote(string literal) =>
        literal.Length >= 2 && literal[0] == '\'' ? literal[1..^1].Replace("''", "'", StringComparison.Ordinal) : literal;

    private static List<string> Tokenize(string filter)
    {
        var tokens = new List<string>();
        var position = 0;
        while (position < filter.Length)
        {
            var current = filter[position];
            if (char.IsWhiteSpace(current))
            {
                position++;
            }
            else if (current is '(' or ')' or ',')
            {
                tokens.Add(current.ToString());
                position++;
            }
            else if (current == '\'')
            {
                var end = position + 1;
                while (end < filter.Length && (filter[end] != '\'' || (end + 1 < filter.Length && filter[end + 1] == '\'')))
                {
                    end += filter[end] == '\'' ? 2 : 1;
                }

                if (end >= filter.Length)
                {
                    throw UnterminatedLiteral(filter);
                }

                tokens.Add(filter[position..(end + 1)]);
                position = end + 1;
            }
            else if (QueryFunctionCall.StartsAt(filter, position)
                && CallEnd(filter, position) is { } callEnd)
            {
                // A Dataverse query function is one token, its arguments read by QueryFunctionCall (they hold arrays and both quotes).
                tokens.Add(filter[position..callEnd]);
                position = callEnd;
            }
            else
            {
                var end = position;
                // A quote ends a name: in lastname eq 'O'Bryan' the name Bryan is followed by a literal that never ends.
                while (end < filter.Length && !char.IsWhiteSpace(filter[end]) && filter[end] is not '(' and not ')' and not ',' and not '\'')
                {
                    end++;
                }

                tokens.Add(filter[position..end]);
                position = end;
            }
        }

        return tokens;
    }

    /// <summary>
    /// The end (exclusive) of "Microsoft.Dynamics.CRM.Name(…)" from <paramref name="start"/>: its closing parenthesis outside quotes;
    /// with unbalanced quotes (an undoubled apostrophe in a value) the filter's last parenthesis, so the call's own reader says what is
    /// wrong; null when there is no call.
    /// </summary>
    private static int? CallEnd(string filter, int start)
    {
        var open = filter.IndexOf('(', start);
        if (open < 0 || filter[start..open].Any(char.IsWhiteSpace))
        {
            return null;
        }

        char? quote = null;
        for (var index = open + 1; index < filter.Length; index++)
        {
            var current = filter[index];
            if (quote == '"' && current == '\\')
            {
                index++;
            }
            else if (quote is { } inside && current == inside)
            {
                if (inside == '\'' && index + 1 < filter.Length && filter[index + 1] == '\'')
                {
                    index++;
                }
                else
                {
                    quote = null;
                }
            }
            else if (quote is null && current is '\'' or '"')
            {
                quote = current;
            }
            else if (quote is null && current == ')')
            {
                return index + 1;
            }
        }

        var last = filter.LastIndexOf(')');
        return last > open ? last + 1 : null;
    }

    /// <summary>
    /// A quote that is never closed. "If the filter is for a single value, replace the single quote character with two
    /// consecutive single quote characters … If you don't, you get an error like this: There is an unterminated literal at
    /// position 21 in 'lastname eq 'O'Bryan''." (Filter rows using OData, "Manage single quotes"): the OData lexer reports the
    /// end of the text. Microsoft does not publish the code; 0x80060888, as for the OData library's other $filter refusals.
    /// </summary>
    private static Exception UnterminatedLiteral(string filter) =>
        DataverseFault.Create(WebApiErrorCodes.ODataPayloadError, string.Create(CultureInfo.InvariantCulture,
            $"There is an unterminated literal at position {filter.Length} in '{filter}'."));

    private static Exception Invalid(string problem) => DataverseFault.InvalidArgument($"The query parameter $filter is not supported or invalid: {problem}.");
}
