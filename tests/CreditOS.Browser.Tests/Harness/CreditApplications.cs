extern alias plugins;

using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Application = plugins::CreditOS.Dataverse.Model.CreditApplication;
using ApplicationStatus = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>Credit applications as Sam enters them, and the credit flow's moves, for the application form's browser tests.</summary>
public static class CreditApplications
{
    public static Guid AnApplication(IOrganizationService system, string name, string accountNumber)
    {
        var currency = system.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id;
        var account = system.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = name,
            [Account.Fields.AccountNumber] = accountNumber,
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", currency),
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
        return system.Create(new Entity(Application.EntityLogicalName)
        {
            [Application.Fields.Name] = name,
            [Application.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [Application.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", currency),
            [Application.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
    }

    /// <summary>The credit flow's moves (as SYSTEM, which only the credit flow is), one status at a time.</summary>
    public static void MoveTo(IOrganizationService system, Guid application, params ApplicationStatus[] statuses)
    {
        foreach (var status in statuses)
        {
            system.Update(new Entity(Application.EntityLogicalName, application) { [Application.Fields.StatusCode] = new OptionSetValue((int)status) });
        }
    }

    public static Guid AnInitialLimitRequest(IOrganizationService system, Guid application)
    {
        var account = system.Retrieve(Application.EntityLogicalName, application, new ColumnSet(Application.Fields.AccountId)).GetAttributeValue<EntityReference>(Application.Fields.AccountId);
        return system.Create(new Entity(Request.EntityLogicalName)
        {
            [Request.Fields.Name] = "Initial limit",
            [Request.Fields.RequestType] = new OptionSetValue((int)RequestType.InitialLimit),
            [Request.Fields.AccountId] = account,
            [Request.Fields.RequestedLimit] = new Money(25_000m),
            [Request.Fields.CreditApplicationId] = new EntityReference(Application.EntityLogicalName, application),
        });
    }
}
