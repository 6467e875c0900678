namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// A bound action URL: a keyed row followed by the action's qualified name,
/// accounts(00000000-…)/Microsoft.Dynamics.CRM.cos_RescoreAccount.
/// </summary>
public sealed record BoundActionPath(ResourcePath Row, string ActionName)
{
    public const string ActionNamespace = "Microsoft.Dynamics.CRM.";

    public static BoundActionPath? TryParse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var marker = path.LastIndexOf("/" + ActionNamespace, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var row = ResourcePath.Parse(path[..marker]);
        var name = path[(marker + 1 + ActionNamespace.Length)..].Trim('/');
        return row.HasKey && name.Length > 0 ? new BoundActionPath(row, name) : null;
    }
}
