using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's segment is what its credit is decided by: the customer group (<c>cos_customergroup</c>) picks the
/// scoring rule set and the approval route its requests take (queue, comment threshold, longest temporary limit); the
/// industry (<c>industrycode</c>) picks the scoring rule set when no group's applies, and the revenue reference the Value
/// score measures the customer's purchases against (the engine's <c>RuleSetSelector</c> and
/// <c>CreditConfiguration.RevenueReferenceFor</c>). Moving a classified customer to another group or industry is
/// therefore a credit decision: only a Finance approver (directly or through the Finance team) or the credit flow may;
/// a sales rep who may otherwise edit the account may classify an unclassified one (first value), not reclassify it
/// into a segment scored more leniently.
/// </summary>
public static class CustomerSegmentGuard
{
    /// <summary>The columns the update step filters on.</summary>
    public const string FilteringColumns = Account.Fields.CustomerGroup + "," + Account.Fields.IndustryCode;

    /// <summary>The pre-image the update step registers.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.CustomerGroup + "," + Account.Fields.IndustryCode;

    /// <param name="isAllowed">SYSTEM or a Finance approver (asked only when a classified account is reclassified).</param>
    public static void Check(Entity target, Entity? before, Func<bool> isAllowed)
    {
        var group = Reclassified(target, before, Account.Fields.CustomerGroup);
        var industry = Reclassified(target, before, Account.Fields.IndustryCode);
        if ((group is null && industry is null) || isAllowed())
        {
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        if (group is not null)
        {
            throw new InvalidPluginExecutionException(
                $"The customer group of account '{name}' cannot be changed by you ({group}): "
                + $"it picks the scoring rules and the approval route the customer's credit is decided by. Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to reclassify it.");
        }

        throw new InvalidPluginExecutionException(
            $"The industry of account '{name}' cannot be changed by you ({industry}): "
            + $"it picks the scoring rules and the revenue reference the customer's credit is scored by. Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to reclassify it.");
    }

    /// <summary>"from X to Y" when a classified account's value changes; null when the column is not changed or was empty.</summary>
    private static string? Reclassified(Entity target, Entity? before, string column)
    {
        var previous = before?.GetAttributeValue<OptionSetValue>(column)?.Value;
        var next = target.GetAttributeValue<OptionSetValue>(column)?.Value;
        return !target.Contains(column) || previous is null || next == previous
            ? null
            : $"from {previous} to {next?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
    }
}
