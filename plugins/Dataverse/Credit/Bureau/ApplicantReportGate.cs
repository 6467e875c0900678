using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using AppFields = CreditOS.Dataverse.Model.CreditApplication.Fields;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// Controls round 17 (session 24): a bureau report filed on an account whose credit application waits for the bureau must
/// confirm the applicant (engine <see cref="BureauIdentity.Confirms"/>, the rule's one home). The worker looks the company up
/// by the registration number the sales rep typed; a report whose registered name is not the applicant's may be another
/// company's, and filed on the account it fed the customer's Risk score at once (the report step rescores) and in every
/// rescoring after, whatever Finance then decided. Such a report is filed on no account (the application's lookup names it;
/// the assessment hands it to Finance flagged), so this refuses it on the account, whoever files it. One query, only for a
/// report filed on an account.
/// </summary>
public static class ApplicantReportGate
{
    /// <summary>Organization-service calls at most.</summary>
    public const int Calls = 1;

    private const string AccountAlias = "applicant";

    public static void Guard(IOrganizationService system, Entity report)
    {
        if (report.GetAttributeValue<EntityReference>(BureauReport.Fields.AccountId) is not { } account)
        {
            return;
        }

        var query = new QueryExpression(CreditApplication.EntityLogicalName) { ColumnSet = new ColumnSet(AppFields.Name), TopCount = 10 };
        query.Criteria.AddCondition(AppFields.AccountId, ConditionOperator.Equal, account.Id);
        query.Criteria.AddCondition(AppFields.StatusCode, ConditionOperator.In, (int)CreditApplicationStatus.Submitted, (int)CreditApplicationStatus.InAssessment);
        query.Criteria.AddCondition(AppFields.ApprovalRequestId, ConditionOperator.Null);
        var applicant = query.AddLink(Account.EntityLogicalName, AppFields.AccountId, Account.Fields.AccountId);
        applicant.EntityAlias = AccountAlias;
        applicant.Columns = new ColumnSet(Account.Fields.Name);
        var registeredName = report.GetAttributeValue<string>(BureauReport.Fields.Name);
        foreach (var application in system.RetrieveMultiple(query).Entities)
        {
            var applicationName = application.GetAttributeValue<string>(AppFields.Name);
            var accountName = application.Aliased<string>(AccountAlias + "." + Account.Fields.Name);
            if (!BureauIdentity.Confirms([applicationName, accountName], registeredName))
            {
                throw new InvalidPluginExecutionException(
                    $"The {report.GetAttributeValue<string>(BureauReport.Fields.Bureau)} report {report.GetAttributeValue<string>(BureauReport.Fields.ExternalId)} cannot be filed on account '{accountName}': "
                    + $"its credit application '{applicationName}' waits for the bureau, and the bureau's registered name "
                    + (string.IsNullOrWhiteSpace(registeredName) ? "is missing" : $"'{registeredName!.Trim()}' is not the applicant's")
                    + ", so the report may be another company's and would feed this customer's Risk score. "
                    + "File it on no account: the application's assessment hands it to Finance flagged (" + BureauIdentity.ReasonCode + ").");
            }
        }
    }
}
