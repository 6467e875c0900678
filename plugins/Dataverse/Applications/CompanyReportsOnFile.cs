using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// Controls round 17 (session 24): whether the company the bureau matched for a credit application already has bureau
/// reports on file for <b>another</b> account (engine <see cref="ApplicationSubject.SameCompanyByReport"/>). A sales rep who
/// gave both the new account and the application that company's name, under its registration number, passed the bureau
/// identity check (the registered name agrees) and, where the company's own account carried none of its numbers, the
/// duplicate check too: the new account took the company's bureau id and its clean figures. The reports say which account
/// the company is. One query, only when the bureau matched a company.
/// </summary>
public static class CompanyReportsOnFile
{
    /// <summary>Organization-service calls at most.</summary>
    public const int Calls = 1;

    private const string AccountAlias = "customer";

    /// <summary>The refusal naming the customer whose reports are the company's; null when there is none (no call without a company id).</summary>
    /// <param name="system">SYSTEM: the customer may be in a business unit the person cannot read.</param>
    public static string? Refusal(IOrganizationService system, string applicationName, EntityReference account, string? accountName, string? matchedCompanyId)
    {
        if (string.IsNullOrWhiteSpace(matchedCompanyId))
        {
            return null;
        }

        var company = matchedCompanyId!.Trim();
        var query = new QueryExpression(BureauReport.EntityLogicalName) { ColumnSet = new ColumnSet(BureauReport.Fields.ExternalId), TopCount = 10 };
        var ids = query.Criteria.AddFilter(LogicalOperator.Or);
        ids.AddCondition(BureauReport.Fields.ExternalId, ConditionOperator.Equal, company);
        ids.AddCondition(BureauReport.Fields.ExternalId, ConditionOperator.Like, company + "-%");
        query.Criteria.AddCondition(BureauReport.Fields.AccountId, ConditionOperator.NotNull);
        query.Criteria.AddCondition(BureauReport.Fields.AccountId, ConditionOperator.NotEqual, account.Id);
        var customer = query.AddLink(Account.EntityLogicalName, BureauReport.Fields.AccountId, Account.Fields.AccountId);
        customer.EntityAlias = AccountAlias;
        customer.Columns = new ColumnSet(Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.OverdueAmount, Account.Fields.IsSuspended, Account.Fields.StateCode);
        foreach (var row in system.RetrieveMultiple(query).Entities)
        {
            if (ApplicationSubject.SameCompanyByReport(company, row.GetAttributeValue<string>(BureauReport.Fields.ExternalId)) is { } matchedBy)
            {
                var existing = new ApplicationSubject.ExistingCustomer(
                    row.Aliased<string>(AccountAlias + "." + Account.Fields.Name) ?? "(unnamed)",
                    ApprovalText.Amount(row.AliasedAmount(AccountAlias + "." + Account.Fields.CreditLimit)),
                    ApprovalText.Amount(row.AliasedAmount(AccountAlias + "." + Account.Fields.Exposure)),
                    ApprovalText.Amount(row.AliasedAmount(AccountAlias + "." + Account.Fields.OverdueAmount)),
                    row.Aliased<bool?>(AccountAlias + "." + Account.Fields.IsSuspended) == true,
                    row.Aliased<OptionSetValue>(AccountAlias + "." + Account.Fields.StateCode)?.Value is > 0);
                return ApplicationSubject.ExistingCustomerRefusal(applicationName, accountName ?? account.Id.ToString(), matchedBy, existing);
            }
        }

        return null;
    }
}
