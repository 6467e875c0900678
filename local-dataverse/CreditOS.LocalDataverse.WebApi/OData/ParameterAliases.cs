using System.Text;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Parameter aliases in $filter and $orderby ("Use OData to query data", webapi/query/overview, "Use parameter aliases with query
/// options"): "You can use parameter aliases for $filter and $orderby query options, but not inside the $expand option … If the
/// alias isn't assigned a value, it's assumed to be null", as in Microsoft's example
/// <c>$orderby=@p1 asc,@p2 desc&amp;$filter=@p1 ne @p3&amp;@p1=revenue&amp;@p2=name</c>. Each alias outside a quoted literal is
/// replaced by its value (a property name or a literal) and the aliases leave the query. They were refused as not implemented
/// (501). Aliases anywhere else (function parameters, $select) are left for the usual refusal.
/// </summary>
internal static class ParameterAliases
{
    private static readonly string[] Options = ["$filter", "$orderby"];

    /// <summary>The request with its aliases resolved in $filter and $orderby, or the request itself when it has none.</summary>
    public static WebApiRequest Resolve(WebApiRequest request)
    {
        var aliases = request.Query.Where(pair => pair.Key.StartsWith('@')).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var used = Options.Any(option => request.Query.TryGetValue(option, out var text) && text.Contains('@', StringComparison.Ordinal));
        if (!used)
        {
            return request;
        }

        var query = new StringBuilder();
        foreach (var (name, value) in request.Query)
        {
            if (aliases.ContainsKey(name))
            {
                continue;
            }

            var resolved = Array.IndexOf(Options, name) >= 0 ? Substitute(value, aliases) : value;
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(resolved));
        }

        // A new request, not a `with` copy: the record parses its query once, when it is constructed.
        return new WebApiRequest(request.Method, request.Path + query, request.Headers, request.Body);
    }

    /// <summary>Replaces each @alias outside single-quoted literals; an alias without a value is null.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string> aliases)
    {
        var result = new StringBuilder(text.Length);
        var inLiteral = false;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (character == '\'')
            {
                inLiteral = !inLiteral;
            }

            if (inLiteral || character != '@')
            {
                result.Append(character);
                continue;
            }

            var end = index + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            var alias = text[index..end];
            result.Append(aliases.TryGetValue(alias, out var value) ? value : "null");
            index = end - 1;
        }

        return result.ToString();
    }
}
