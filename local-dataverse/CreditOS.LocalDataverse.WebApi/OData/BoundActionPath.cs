namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// A bound operation URL: a keyed row followed by the operation's qualified name, an action
/// (accounts(00000000-…)/Microsoft.Dynamics.CRM.cos_RescoreAccount, POST) or a function with its argument list
/// (accounts(00000000-…)/Microsoft.Dynamics.CRM.cos_PaymentHistoryReport(), GET).
/// </summary>
public sealed record BoundActionPath(ResourcePath Row, string ActionName)
{
    public const string ActionNamespace = "Microsoft.Dynamics.CRM.";

    /// <summary>The text between the parentheses of a function call; null when the name has none (an action's form).</summary>
    public string? FunctionArguments { get; init; }

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
        string? arguments = null;
        var open = name.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0 && name.EndsWith(')'))
        {
            arguments = name[(open + 1)..^1];
            name = name[..open];
        }

        return row.HasKey && name.Length > 0 ? new BoundActionPath(row, name) { FunctionArguments = arguments } : null;
    }
}
