namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>One Web API operation: from an HTTP request or a part of a $batch. The path is relative to the service root.</summary>
public sealed record WebApiRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string Path => PathAndQuery.Split('?', 2)[0];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(PathAndQuery);

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
