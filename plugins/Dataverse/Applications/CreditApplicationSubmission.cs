using System.Globalization;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Fields = CreditOS.Dataverse.Model.CreditApplication.Fields;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// Submits a credit application (Custom API cos_SubmitCreditApplication): the person who entered it (or its owner)
/// sends a draft, or an application the bureau lookup or the assessment asked more information about (not one whose
/// initial-limit request Finance has: controls round 20), to assessment. Everything the
/// assessment needs must be there, and every gap is named at once. No call goes out: the worker looks the company up
/// at the bureau afterwards (plugins do not wait on a third party on the critical path).
/// Budget: <see cref="Calls"/> (the application, the account's bureau report on file, the account's credit, another account
/// that is the same company, its status).
/// </summary>
public static class CreditApplicationSubmission
{
    /// <summary>
    /// What a submission costs: the application, the account's bureau report on file (controls round 9), the account's
    /// credit limit and starter terms (controls round 10), another account that is the same company (controls round 13,
    /// <see cref="ExistingCustomerLookup"/>), the status written.
    /// </summary>
    public const int Calls = 4 + ExistingCustomerLookup.Calls;

    private const string AccountAlias = "subject";

    private static readonly ColumnSet Columns = new(
        Fields.Name, Fields.AccountId, Fields.RegistrationNumber, Fields.VatNumber, Fields.Country, Fields.RequestedLimit, Fields.TransactionCurrencyId,
        Fields.AnnualRevenue, Fields.Equity, Fields.StatusCode, Fields.OwnerId, Fields.CreatedBy, Fields.BureauReportId, Fields.ApprovalRequestId);

    /// <param name="system">An organization service running as SYSTEM (the credit flow moves the status).</param>
    public static CreditApplicationStatus Submit(IOrganizationService system, Guid callerId, EntityReference target, DateTime now)
    {
        var application = system.Retrieve(CreditApplication.EntityLogicalName, target.Id, Columns);
        var name = application.GetAttributeValue<string>(Fields.Name) ?? target.Id.ToString();
        if (application.GetAttributeValue<EntityReference>(Fields.OwnerId)?.Id != callerId && application.GetAttributeValue<EntityReference>(Fields.CreatedBy)?.Id != callerId)
        {
            throw new InvalidPluginExecutionException($"Only the person who entered credit application '{name}', or its owner, submits it.");
        }

        var status = CreditApplicationStatuses.Of(application.GetAttributeValue<OptionSetValue>(Fields.StatusCode)?.Value);
        if (!CreditApplicationStatuses.IsEditable(status, withFinance: application.GetAttributeValue<EntityReference>(Fields.ApprovalRequestId) is not null))
        {
            // Controls round 20: an application whose initial-limit request is with Finance is never assessed again, so it is not submitted again.
            throw new InvalidPluginExecutionException(CreditApplicationStatuses.IsEditable(status, withFinance: false)
                ? $"Credit application '{name}' is {CreditApplicationStatuses.Label(status)} with Finance, who has its initial-limit request; it is not submitted again. Answer Finance's question on the request (Answer Finance)."
                : $"Credit application '{name}' is {CreditApplicationStatuses.Label(status)}; only a draft, or one the bureau lookup or the assessment asked more information about, is submitted.");
        }

        var missing = Missing(application);
        if (missing.Count > 0)
        {
            throw new InvalidPluginExecutionException($"Credit application '{name}' cannot be submitted yet: {string.Join("; ", missing)}.");
        }

        // Controls round 9 (engine ApplicationSubject): the lookup would file a report over the one on file.
        var account = application.GetAttributeValue<EntityReference>(Fields.AccountId)!;
        if (ReportOnFile(system, account.Id, application.GetAttributeValue<EntityReference>(Fields.BureauReportId)?.Id) is { } onFile
            && CreditEngine.Applications.ApplicationSubject.Refusal(
                name,
                onFile.Aliased<string>(AccountAlias + "." + Account.Fields.Name) ?? account.Id.ToString(),
                new CreditEngine.Applications.ApplicationSubject.ReportOnFile(
                    onFile.GetAttributeValue<DateTime>(BureauReport.Fields.ReportDate),
                    onFile.GetAttributeValue<OptionSetValue>(BureauReport.Fields.Rating) is { } rating ? ((BureauReportRating)rating.Value).ToString() : "none",
                    onFile.GetAttributeValue<int?>(BureauReport.Fields.SolvencyScore) ?? 0,
                    Math.Max(onFile.GetAttributeValue<int?>(BureauReport.Fields.JudgmentCount) ?? 0, onFile.GetAttributeValue<bool?>(BureauReport.Fields.HasJudgment) == true ? 1 : 0)),
                onFile.Aliased<bool?>(AccountAlias + "." + Account.Fields.IsSuspended) == true) is { } refusal)
        {
            throw new InvalidPluginExecutionException(refusal);
        }

        // Controls round 10 (engine ApplicationSubject.BuysOnCredit): nor for a customer that already buys on credit,
        // report on file or not (one read, only when no report is on file).
        var subject = system.Retrieve(Account.EntityLogicalName, account.Id, new ColumnSet(Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.IsStarterTerms, Account.Fields.OpenReceivables));
        var limit = subject.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m;
        if (CreditEngine.Applications.ApplicationSubject.CreditCustomerRefusal(
                name,
                subject.GetAttributeValue<string>(Account.Fields.Name) ?? account.Id.ToString(),
                limit,
                subject.GetAttributeValue<bool?>(Account.Fields.IsStarterTerms) == true,
                Approvals.ApprovalText.Amount(limit),
                Approvals.ApprovalText.Amount(subject.GetAttributeValue<Money>(Account.Fields.OpenReceivables)?.Value ?? 0m)) is { } creditCustomer)
        {
            throw new InvalidPluginExecutionException(creditCustomer);
        }

        // Controls round 13 (session 20): nor for a company that is already another account, by the numbers typed here
        // (the assessment asks again with the company the bureau matches).
        if (ExistingCustomerLookup.Refusal(
                system,
                name,
                account,
                subject.GetAttributeValue<string>(Account.Fields.Name),
                new CreditEngine.Applications.ApplicationSubject.CompanyIdentity(
                    application.GetAttributeValue<string>(Fields.RegistrationNumber), application.GetAttributeValue<string>(Fields.Country), application.GetAttributeValue<string>(Fields.VatNumber), null)) is { } existingCustomer)
        {
            throw new InvalidPluginExecutionException(existingCustomer);
        }

        system.Update(new Entity(CreditApplication.EntityLogicalName, target.Id)
        {
            [Fields.StatusCode] = new OptionSetValue((int)CreditApplicationStatus.Submitted),
            [Fields.SubmittedBy] = new EntityReference(SystemUser.EntityLogicalName, callerId),
            [Fields.SubmittedOn] = now,
            [Fields.StatusMessage] = "Submitted on " + now.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + "; waiting for the bureau lookup.",
            [Fields.BureauAttempts] = 0,
            [Fields.NextBureauAttemptOn] = null,
        });
        return CreditApplicationStatus.Submitted;
    }

    /// <summary>
    /// The latest bureau report on the account that the application's own lookup did not file, with the account's name and
    /// suspension joined (one query); null when there is none.
    /// </summary>
    private static Entity? ReportOnFile(IOrganizationService system, Guid accountId, Guid? ownReport)
    {
        var query = new QueryExpression(BureauReport.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(BureauReport.Fields.ReportDate, BureauReport.Fields.Rating, BureauReport.Fields.SolvencyScore, BureauReport.Fields.JudgmentCount, BureauReport.Fields.HasJudgment),
            TopCount = 1,
        };
        query.Criteria.AddCondition(BureauReport.Fields.AccountId, ConditionOperator.Equal, accountId);
        if (ownReport is { } own)
        {
            query.Criteria.AddCondition(BureauReport.Fields.BureauReportId, ConditionOperator.NotEqual, own);
        }

        query.AddOrder(BureauReport.Fields.ReportDate, OrderType.Descending);
        var account = query.AddLink(Account.EntityLogicalName, BureauReport.Fields.AccountId, Account.Fields.AccountId);
        account.EntityAlias = AccountAlias;
        account.Columns = new ColumnSet(Account.Fields.Name, Account.Fields.IsSuspended);
        return system.RetrieveMultiple(query).Entities.FirstOrDefault();
    }

    private static List<string> Missing(Entity application)
    {
        var missing = new List<string>();
        if (application.GetAttributeValue<EntityReference>(Fields.AccountId) is null)
        {
            missing.Add("the customer account is missing");
        }

        if (string.IsNullOrWhiteSpace(application.GetAttributeValue<string>(Fields.RegistrationNumber)))
        {
            missing.Add("the registration number is missing (the bureau is searched by it)");
        }

        var country = application.GetAttributeValue<string>(Fields.Country);
        if (country is null || country.Trim().Length != 2)
        {
            missing.Add($"the country must be a two-letter ISO code such as GB or DE, but is '{country}'");
        }

        if (application.GetAttributeValue<Money>(Fields.RequestedLimit)?.Value is not > 0)
        {
            missing.Add("the requested limit must be more than 0");
        }

        if (application.GetAttributeValue<EntityReference>(Fields.TransactionCurrencyId) is null)
        {
            missing.Add("the currency is missing");
        }

        if (application.GetAttributeValue<Money>(Fields.AnnualRevenue) is null && application.GetAttributeValue<Money>(Fields.Equity) is null)
        {
            missing.Add("state the annual revenue or the equity (the limit is sized from them)");
        }

        return missing;
    }
}
