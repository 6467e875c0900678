using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Controls round 15 (session 22): a customer onboarded without any registration, VAT or bureau number is found by a
/// credit application for the same company only by its name (engine <see cref="LikelyDuplicate"/>: the name at the same
/// postal code, the bureau's registered name at any postal code). Sam writes his unit's accounts, so renaming the existing
/// customer first ("NORTHWIND TRADERS" to "NWT Holding Account") hid it from his second account's application, which then
/// reached Finance unflagged. Once an account has credit standing (a limit, an exposure or a suspension), a change of its
/// name <b>as the comparison sees it</b> is a Finance approver's or the credit flow's; corrections of case, punctuation,
/// accents or legal form (the same normalized name) stay everyone's with Write on the account, as do other columns.
/// <para>
/// Controls round 18 (session 25): a new account has no credit standing, so its name was anyone's while its credit
/// application was with Finance. The assessment compares the bureau's registered name with the names the applicant was
/// given, the account's among them (<see cref="BureauIdentity"/>); a rep who named the account after the company whose
/// registration number he typed, then renamed it once the report was filed, showed Finance an account under a name the
/// check never saw, and the limit Finance approved on that company's report landed on it (after which only Finance
/// renames it). So from submission until Finance decides (Submitted, In assessment, More information needed) the
/// account's name is Finance's too.
/// </para>
/// </summary>
public static class CustomerNameGuard
{
    /// <summary>The pre-image the update step registers: the name and the figures that give the account credit standing.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.CreditLimit + "," + Account.Fields.Exposure + "," + Account.Fields.IsSuspended;

    /// <summary>
    /// At most: the account's open credit application (1, only for an account without credit standing), who SYSTEM is
    /// (once per organization) and whether the caller is a Finance approver (<see cref="Guards.FinanceOrCreditFlow"/>).
    /// </summary>
    public const int MaximumCalls = 1 + 4;

    /// <param name="system">Reads the account's open credit application (only when an account without credit standing is renamed).</param>
    /// <param name="isAllowed">SYSTEM or a Finance approver; asked only when the normalized name of an account with credit standing, or with an open application, changes.</param>
    public static void Check(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed)
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
        if (LikelyDuplicate.NormalName(previous) == LikelyDuplicate.NormalName(next))
        {
            return;
        }

        if (!LikelyDuplicate.HasCreditStanding(limit, exposure, suspended))
        {
            EnsureNoApplicationWithFinance(system, target.Id, previous, next, isAllowed);
            return;
        }

        if (isAllowed())
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

    /// <summary>The statuses from submission until Finance decides: the names compared are the ones Finance decides on.</summary>
    private static readonly int[] WithFinance =
    [
        (int)CreditApplicationStatus.Submitted, (int)CreditApplicationStatus.InAssessment, (int)CreditApplicationStatus.MoreInformationNeeded,
    ];

    private static void EnsureNoApplicationWithFinance(IOrganizationService system, Guid accountId, string? previous, string? next, Func<bool> isAllowed)
    {
        if (OpenApplication(system, accountId) is not { } application || isAllowed())
        {
            return;
        }

        var status = CreditApplicationStatuses.Label(CreditApplicationStatuses.Of(application.GetAttributeValue<OptionSetValue>(CreditApplication.Fields.StatusCode)?.Value));
        throw new InvalidPluginExecutionException(
            $"The name of account '{previous}' cannot be changed by you now (to '{(string.IsNullOrWhiteSpace(next) ? "none" : next!.Trim())}'): "
            + $"its credit application '{application.GetAttributeValue<string>(CreditApplication.Fields.Name)}' is with Finance ({status}), "
            + "and the bureau's registered name was compared with the names the applicant was given, this account's among them; "
            + "renamed now, the account would reach Finance's decision under a name the comparison never saw. Corrections of case, punctuation or legal form are yours; "
            + $"rename it after Finance decides, or ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role.");
    }

    /// <summary>The account's credit application from submission until Finance decides, or null: one query as SYSTEM (the rep may not read every application of his unit's account).</summary>
    private static Entity? OpenApplication(IOrganizationService system, Guid accountId)
    {
        var query = new QueryExpression(CreditApplication.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(CreditApplication.Fields.Name, CreditApplication.Fields.StatusCode),
            TopCount = 1,
        };
        query.Criteria.AddCondition(CreditApplication.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(CreditApplication.Fields.StatusCode, ConditionOperator.In, WithFinance.Cast<object>().ToArray());
        return system.RetrieveMultiple(query).Entities.FirstOrDefault();
    }
}
