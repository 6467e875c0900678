using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Fields = CreditOS.Dataverse.Model.CreditApplication.Fields;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// Submits a credit application (Custom API cos_SubmitCreditApplication): the person who entered it (or its owner)
/// sends a draft, or an application Finance's flow asked more information about, to assessment. Everything the
/// assessment needs must be there, and every gap is named at once. No call goes out: the worker looks the company up
/// at the bureau afterwards (plugins do not wait on a third party on the critical path).
/// Budget: 2 calls (the application, its status).
/// </summary>
public static class CreditApplicationSubmission
{
    private static readonly ColumnSet Columns = new(
        Fields.Name, Fields.AccountId, Fields.RegistrationNumber, Fields.Country, Fields.RequestedLimit, Fields.TransactionCurrencyId,
        Fields.AnnualRevenue, Fields.Equity, Fields.StatusCode, Fields.OwnerId, Fields.CreatedBy);

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
        if (!CreditApplicationStatuses.IsEditable(status))
        {
            throw new InvalidPluginExecutionException($"Credit application '{name}' is {CreditApplicationStatuses.Label(status)}; only a draft, or one Finance asked more information about, is submitted.");
        }

        var missing = Missing(application);
        if (missing.Count > 0)
        {
            throw new InvalidPluginExecutionException($"Credit application '{name}' cannot be submitted yet: {string.Join("; ", missing)}.");
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
