using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's customer group (<c>cos_customergroup</c>) picks the scoring rule set it is scored with and the approval
/// route its requests take (queue, comment threshold, longest temporary limit), so moving a classified customer to
/// another group is a credit decision: only a Finance approver (directly or through the Finance team) or the credit
/// flow may; a sales rep who may otherwise edit the account may classify an unclassified one (first value), not
/// reclassify it.
/// </summary>
public static class CustomerSegmentGuard
{
    /// <summary>The pre-image the update step registers.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.CustomerGroup;

    /// <param name="isAllowed">SYSTEM or a Finance approver (asked only when a classified account is reclassified).</param>
    public static void Check(Entity target, Entity? before, Func<bool> isAllowed)
    {
        var previous = before?.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup)?.Value;
        var next = target.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup)?.Value;
        if (!target.Contains(Account.Fields.CustomerGroup) || previous is null || next == previous || isAllowed())
        {
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        throw new InvalidPluginExecutionException(
            $"The customer group of account '{name}' cannot be changed by you (from {previous} to {next?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): "
            + $"it picks the scoring rules and the approval route the customer's credit is decided by. Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to reclassify it.");
    }
}
