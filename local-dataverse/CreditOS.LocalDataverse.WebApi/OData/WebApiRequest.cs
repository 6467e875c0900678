namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>One Web API operation: from an HTTP request or a part of a $batch. The path is relative to the service root.</summary>
public sealed record WebApiRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Path => PathAndQuery.Split('?', 2)[0];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(PathAndQuery);

    /// <summary>The first system query option ($select, $filter…) the URL gives more than once, or null (the last one is in <see cref="Query"/>).</summary>
    public string? RepeatedOption { get; } = FirstRepeatedOption(PathAndQuery);

    private static string? FirstRepeatedOption(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        if (parts.Length < 2)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=', 2)[0]);
            if (name.StartsWith('$') && !seen.Add(name))
            {
                return name;
            }
        }

        return null;
    }

    private static Dictionary<string, string> ParseQuery(string pathAndQuery)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var parts = pathAndQuery.Split('?', 2);
        if (parts.Length < 2)
        {
            return query;
        }

        foreach (var pair in parts[1].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var nameValue = pair.Split('=', 2);
            query[Uri.UnescapeDataString(nameValue[0])] = nameValue.Length > 1 ? Uri.UnescapeDataString(nameValue[1].Replace('+', ' ')) : string.Empty;
        }

        return query;
    }
}
