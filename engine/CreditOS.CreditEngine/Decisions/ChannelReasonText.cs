namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// What a sales channel (web shop, EDI, partner portal: the customer's side) is told about its order's credit outcome
/// (controls round 22, session 29). The order's reason is written for the sales rep and Finance; for a suspended account
/// it states why (<see cref="Policies.SuspensionEvaluator"/>: the bureau's rating and solvency score with their earlier
/// values, judgments, liens, or a flag for suspected fraud), which is never the customer's to read. The channel is told
/// that new orders are suspended and whom to ask; the order keeps the full reason.
/// </summary>
public static class ChannelReasonText
{
    /// <summary>The channel's text for an order refused or held while the account is suspended.</summary>
    public const string Suspended = "New orders for this account are suspended. Your account manager can tell you more.";

    /// <summary>The reason the channel is told, from the order's hold reason codes (comma-separated) and its reason.</summary>
    public static string? For(string? holdReasonCodes, string? holdReason)
    {
        var suspended = (holdReasonCodes ?? string.Empty)
            .Split(',')
            .Any(code => string.Equals(code.Trim(), nameof(DecisionReasonCode.AccountSuspended), StringComparison.Ordinal));

        // The decision text of a suspension begins so (DecisionReasonText); held without its code (a code column cut at
        // its length), the text still tells.
        return suspended || (holdReason ?? string.Empty).IndexOf("New orders are suspended", StringComparison.Ordinal) >= 0 ? Suspended : holdReason;
    }
}
