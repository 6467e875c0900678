namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>Headers whose values never go to a log, at any level or sink (HttpClient logs headers at Trace).</summary>
public static class SensitiveHeaders
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie" };

    public static bool IsSensitive(string headerName) => Names.Contains(headerName);
}
