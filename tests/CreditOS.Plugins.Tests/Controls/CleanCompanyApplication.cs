extern alias plugins;

using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using AssessApi = plugins::CreditOS.Dataverse.Applications.AssessCreditApplicationApi;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// A credit application filed under a clean company's registration number, and the worker's bureau pass that files that
/// company's report (GB-CS-0999, rating A, solvency 90) on it: the attack the application controls of rounds 9 and 10 refuse.
/// </summary>
internal static class CleanCompanyApplication
{
    /// <summary>Litware Inc's application for 80,000.00 on the account, under the registration number given.</summary>
    public static Entity AnApplicationFor(Guid account, string registrationNumber) => new(AppTable.EntityLogicalName)
    {
        [AppTable.Fields.Name] = "Litware Inc",
        [AppTable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
        [AppTable.Fields.RegistrationNumber] = registrationNumber,
        [AppTable.Fields.Country] = "GB",
        [AppTable.Fields.RequestedLimit] = new Money(80_000m),
        [AppTable.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
        [AppTable.Fields.AnnualRevenue] = new Money(2_000_000m),
    };

    /// <summary>
    /// The worker's pass (<c>CreditApplicationBureauStep</c>): an application Submitted and not yet with Finance is looked
    /// up by its registration number, here a clean company, and the report is filed on the application's account.
    /// </summary>
    public static void TheWorkersLookupPass(CreditApplicationWorld env, Guid account)
    {
        var query = new QueryExpression(AppTable.EntityLogicalName) { ColumnSet = new ColumnSet(AppTable.Fields.StatusCode) };
        query.Criteria.AddCondition(AppTable.Fields.StatusCode, ConditionOperator.In, (int)Status.Submitted, (int)Status.InAssessment);
        query.Criteria.AddCondition(AppTable.Fields.ApprovalRequestId, ConditionOperator.Null);
        foreach (var waiting in env.World.Service.RetrieveMultiple(query).Entities)
        {
            var report = env.Ivy.Create(ReportOn(account));
            env.Ivy.Execute(new OrganizationRequest(AssessApi.UniqueName)
            {
                ["Target"] = new EntityReference(AppTable.EntityLogicalName, waiting.Id),
                [AssessApi.Request.BureauReportId] = report,
                [AssessApi.Request.BureauCompanyId] = "GB-CS-0999",
            });
        }
    }

    /// <summary>Clean Company's bureau report (GB-CS-0999, rating A, solvency 90), filed on the given account.</summary>
    public static Entity ReportOn(Guid account) => new(Bureau.EntityLogicalName)
    {
        [Bureau.Fields.Name] = "Clean Company Ltd",
        [Bureau.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
        [Bureau.Fields.Bureau] = "Local bureau",
        [Bureau.Fields.ExternalId] = "GB-CS-0999",
        [Bureau.Fields.SolvencyScore] = 90,
        [Bureau.Fields.Rating] = new OptionSetValue((int)Rating.A),
        [Bureau.Fields.RecommendedCredit] = new Money(80_000m),
        [Bureau.Fields.DbtScore] = 2,
        [Bureau.Fields.HasJudgment] = false,
        [Bureau.Fields.HasLien] = false,
        [Bureau.Fields.ReportDate] = CreditTestIds.Today,
    };
}
