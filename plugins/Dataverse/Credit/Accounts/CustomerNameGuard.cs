using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Controls round 15 (session 22): a customer onboarded without any registration, VAT or bureau number is found by a
/// credit application for the same company only by its name (engine <see cref="LikelyDuplicate"/>: the name at the same
/// postal code, the bureau's registered name at any postal code). Sam writes his unit's accounts, so renaming the existing
/// customer first ("NORTHWIND TRADERS" to "NWT Holding Account") hid it from his second account's application, which then
/// reached Finance unflagged. Once an account has credit standing (a limit, an exposure or a suspension), a change of its
/// name <b>as the comparison sees it</b> is a Finance approver's or the credit flow's; corrections of case, punctuation,
/// accents or legal form (the same normalized name) stay everyone's with Write on the account, as do other columns.
/// </summary>
public static class CustomerNameGuard
{
    /// <summary>The pre-image the update step registers: the name and the figures that give the account credit standing.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.CreditLimit + "," + Account.Fields.Exposure + "," + Account.Fields.IsSuspended;

    /// <summary>At most who SYSTEM is (once per organization) and whether the caller is a Finance approver (<see cref="Guards.FinanceOrCreditFlow"/>).</summary>
    public const int MaximumCalls = 4;

    /// <param name="isAllowed">SYSTEM or a Finance approver; asked only when the normalized name of an account with credit standing changes.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isAllowed)
    {
        if (!target.Contains(Account.Fields.Name) || before is null)
        {
            return;
        }

        var previous = before.GetAttributeValue<string>(Account.Fields.Name);
        var next = target.GetAttributeValue<string>(Account.Fields.Name);
        var limit = before.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m;
        var exposure = before.GetAttributeValue<Money>(Account.Fields.Exposure)?.Value ?? 0m;
        var suspended = before.GetAttributeValue<bool?>(Account.Fields.IsSuspended) == true;
        if (LikelyDuplicate.NormalName(previous) == LikelyDuplicate.NormalName(next)
            || !LikelyDuplicate.HasCreditStanding(limit, exposure, suspended)
            || isAllowed())
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            $"The name of customer '{previous}' cannot be changed by you (to '{(string.IsNullOrWhiteSpace(next) ? "none" : next!.Trim())}'): "
            + $"the customer has credit (credit limit {ApprovalText.Amount(limit)}, exposure {ApprovalText.Amount(exposure)}{(suspended ? ", suspended" : string.Empty)}), "
            + "and its name is what a credit application for the same company is matched by when no registration, VAT or bureau number is on file, "
            + "so a second account for it would reach Finance as a new company. Corrections of case, punctuation or legal form are yours; "
            + $"ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to rename it.");
    }
}
