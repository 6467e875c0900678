extern alias plugins;

using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using AccountRow = plugins::CreditOS.Dataverse.Model.Account;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>Limit requests the decider tests start from, made as the rep on the standard customer.</summary>
internal sealed partial class CreditWorld
{
    /// <summary>Sam asks for a credit limit of <paramref name="limit"/> on the customer; the one limit-increase request it raised.</summary>
    public Guid SamAsksForALimitOf(decimal limit)
    {
        SalesRep.Update(new Entity(AccountRow.EntityLogicalName, CreditTestIds.Customer)
        {
            [AccountRow.Fields.RequestedCreditLimit] = new Money(limit),
            [AccountRow.Fields.CreditLimitRequestReason] = "Framework contract for 2027.",
        });
        Dataverse.RunPendingAsyncOperations();
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet("cos_requesttype") };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, CreditTestIds.Customer);
        return Assert.Single(
            Service.RetrieveMultiple(query).Entities,
            r => r.GetAttributeValue<OptionSetValue>("cos_requesttype").Value == (int)RequestType.LimitIncrease).Id;
    }
}
