using System.Globalization;
using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.Suspension;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's bureau identity (registration number, VAT number, country code) is what the integration worker's
/// monitoring job finds the company by when the account has no bureau company id (<c>BureauMonitoringJob.EnrolAsync</c>),
/// and it files the report of the company it finds on the account, dated today. Controls round 9 (session 16): Sam typed
/// a clean company's number on his customer suspended on a judgment (its report on file, no company id on the account:
/// onboarded through a credit application) and queued monitoring; the clean report (A, solvency 90) lifted the
/// suspension with no Finance. Once an account has a bureau company id or a bureau report on file, its identity is
/// changed only by a Finance approver (directly, through a team or the Finance team) or the credit flow (SYSTEM); a new
/// account's, without either, stays the rep's to enter and correct, as the first payment terms do. Controls round 10: so is
/// the identity of an account that already buys on credit (engine <c>ApplicationSubject.BuysOnCredit</c>: a limit above
/// zero, not on starter terms), report on file or not: a customer scored from its ERP history has no report and no company
/// id, and the first number typed on it is what monitoring enrols it by (read from the pre-image, no call). Controls round
/// 11: a suspended customer's identity is changed by an approver only within the authority its suspension lift needs.
/// </summary>
public static class BureauIdentityGuard
{
    public static readonly IReadOnlyList<string> IdentityColumns = [Account.Fields.RegistrationNumber, Account.Fields.VatNumber, Account.Fields.CountryCode];

    /// <summary>The columns the update step filters on.</summary>
    public const string FilteringColumns = Account.Fields.RegistrationNumber + "," + Account.Fields.VatNumber + "," + Account.Fields.CountryCode;

    /// <summary>The pre-image the update step registers: the name, the identity and the bureau company id.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + FilteringColumns + "," + Account.Fields.BureauConnectId + ","
        + Account.Fields.CreditLimit + "," + Account.Fields.IsStarterTerms + "," + Account.Fields.IsSuspended;

    /// <summary>
    /// At most: the report on file (1, only without a company id), who SYSTEM is (once per organization) and whether the
    /// caller is a Finance approver (3); for a suspended customer changed by an approver, the account and her authority
    /// (1 + <see cref="SuspensionLiftAuthority.Calls"/>).
    /// </summary>
    public const int MaximumCalls = 5 + 1 + SuspensionLiftAuthority.Calls;

    /// <param name="isAllowed">SYSTEM or a Finance approver; asked only when the identity of an account with a company id, credit or a report on file changes.</param>
    /// <param name="isCreditFlow">SYSTEM; asked only when an allowed person changes the identity of a suspended customer.</param>
    /// <param name="callerId">Whose approval authority the change of a suspended customer's identity needs.</param>
    /// <param name="now">When the temporary limit in force is read.</param>
    public static void Check(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed, Func<bool> isCreditFlow, Guid callerId, DateTime now)
    {
        var changed = CreditColumnGuard.ChangedAmong(target, before, IdentityColumns);
        if (changed.Count == 0 || before is null)
        {
            return;
        }

        var companyId = before.GetAttributeValue<string>(Account.Fields.BureauConnectId);
        var limit = before.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m;
        var known = !string.IsNullOrWhiteSpace(companyId)
            ? "its bureau company id " + companyId!.Trim()
            : CreditEngine.Applications.ApplicationSubject.BuysOnCredit(limit, before.GetAttributeValue<bool?>(Account.Fields.IsStarterTerms) == true)
            ? "credit (a credit limit of " + ApprovalText.Amount(limit) + ", not on starter terms)"
            : ReportOnFile(system, target.Id) is { } report ? "a bureau report on file (" + Describe(report) + ")" : null;
        if (known is null)
        {
            return;
        }

        var name = before.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        var changes = string.Join("; ", changed.Select(column => column + " from " + Text(before.GetAttributeValue<string>(column)) + " to " + Text(target.GetAttributeValue<string>(column))));
        if (isAllowed())
        {
            // Controls round 11: the next monitoring pass files the report of the company the new identity finds, and a
            // clean one lifts the suspension with no cos_LiftSuspension, no lift row and no authority check. So a Finance
            // approver changes a suspended customer's identity only within the authority lifting its suspension needs.
            if (before.GetAttributeValue<bool?>(Account.Fields.IsSuspended) == true && !isCreditFlow())
            {
                if (SuspensionLiftAuthority.RefusalFor(system, callerId, target.Id, now, ApprovalStake.SuspensionLift, ApprovalAuthorityRules.SuspensionStaysFor) is { } refusal)
                {
                    throw new InvalidPluginExecutionException(
                        $"The bureau identity of suspended account '{name}' cannot be changed by you ({changes}): the next bureau report is filed by it, and a clean one lifts the suspension; {refusal}");
                }
            }

            return;
        }

        throw new InvalidPluginExecutionException(
            $"The bureau identity of account '{name}' cannot be changed by you ({changes}): the account has {known}, and the bureau monitoring job finds the company by it, "
            + "so another company's number would file that company's report over this customer's. "
            + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to correct it.");
    }

    /// <summary>The newest report on the account, or null (one query).</summary>
    private static Entity? ReportOnFile(IOrganizationService system, Guid accountId)
    {
        var query = new QueryExpression(BureauReport.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(BureauReport.Fields.ReportDate, BureauReport.Fields.ExternalId),
            TopCount = 1,
        };
        query.Criteria.AddCondition(BureauReport.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.AddOrder(BureauReport.Fields.ReportDate, OrderType.Descending);
        return system.RetrieveMultiple(query).Entities.FirstOrDefault();
    }

    private static string Describe(Entity report) =>
        "dated " + (report.GetAttributeValue<DateTime?>(BureauReport.Fields.ReportDate)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown")
        + (report.GetAttributeValue<string>(BureauReport.Fields.ExternalId) is { Length: > 0 } id ? ", " + id : string.Empty);

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "none" : "'" + value!.Trim() + "'";
}
