using System.Text.RegularExpressions;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The <c>Prefer: odata.include-annotations="…"</c> preference: a comma-separated list of annotation names, each
/// possibly ending in <c>*</c> as a wildcard, <c>*</c> alone meaning all ("Request annotations",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#request-annotations).
/// </summary>
public sealed partial class AnnotationPreference
{
    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    public const string TotalRecordCount = "Microsoft.Dynamics.CRM.totalrecordcount";
    public const string TotalRecordCountLimitExceeded = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

    private readonly string[] _patterns;

    private AnnotationPreference(string value, string[] patterns)
    {
        Value = value;
        _patterns = patterns;
    }

    /// <summary>The preference as the client wrote it, echoed in <c>Preference-Applied</c>.</summary>
    public string Value { get; }

    /// <summary>The preference of the request, or null when it asks for no annotations.</summary>
    public static AnnotationPreference? Of(WebApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Header("Prefer") is not { } prefer || Preference().Match(prefer) is not { Success: true } match)
        {
            return null;
        }

        var list = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value;
        var patterns = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new AnnotationPreference(match.Value.Trim(), patterns);
    }

    /// <summary>Whether the client asked for this annotation (by name, by a prefix wildcard or by <c>*</c>).</summary>
    public bool Includes(string annotation) =>
        _patterns.Any(pattern => pattern.EndsWith('*')
            ? annotation.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, annotation, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("""odata\.include-annotations\s*=\s*(?:"(?<quoted>[^"]*)"|(?<bare>[^,;\s]+))""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Preference();
}
