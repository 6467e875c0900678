using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The one-off upgrade step for <c>salesorder.cos_enteredfor</c> (controls round 11 recorded whom an order was entered
/// for; orders entered before that version carry none and would count in the history of whatever customer they are moved
/// to). The global Custom API <see cref="UniqueName"/> stamps a page of open orders that lack it with their customer as it
/// is now, as SYSTEM (the column is credit-owned), and says whether any are left: the worker's application user (or
/// SYSTEM) calls it until <c>Remaining</c> is false. Idempotent: only orders without the column are read, so a second run
/// writes nothing. Open orders only (active, submitted): Dataverse makes closed sales orders read-only and they cannot be
/// moved, so they need no stamp. An order moved before the upgrade is stamped with the customer it has now (what it was
/// entered for is not recorded anywhere else).
/// </summary>
public static class EnteredForBackfill
{
    public const string UniqueName = "cos_BackfillOrderEnteredFor";

    /// <summary>Response: how many orders this call stamped.</summary>
    public const string Updated = "Updated";

    /// <summary>Response: whether orders without the stamp are left for another call.</summary>
    public const string Remaining = "Remaining";

    /// <summary>Orders stamped per call: one update each, well inside a plug-in's two minutes.</summary>
    public const int PageSize = 250;

    /// <summary>At most: who SYSTEM is and whether the caller holds the Integration role (2), the page's query (1), then one update per order.</summary>
    public const int FixedCalls = 3;

    /// <param name="remaining">Whether orders without the stamp are left for another call.</param>
    /// <returns>How many orders were stamped.</returns>
    public static int Run(IExecutionContext context, IOrganizationService system, out bool remaining)
    {
        if (!CreditFlowIdentity.IsCreditFlow(context, system) && !IntegrationIdentity.IsIntegration(system, context.UserId))
        {
            throw new InvalidPluginExecutionException(
                UniqueName + " stamps whom existing orders were entered for, a credit-owned fact, as the credit flow: only the creditOS Integration role's application user or SYSTEM runs it (once, after upgrading).");
        }

        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrder.Fields.CustomerId), TopCount = PageSize + 1 };
        query.Criteria.AddCondition(SalesOrder.Fields.EnteredFor, ConditionOperator.Null);
        query.Criteria.AddCondition(SalesOrder.Fields.StateCode, ConditionOperator.In, (int)SalesOrderState.Active, (int)SalesOrderState.Submitted);
        // Orders of an account only: an order for a contact is refused by the credit check and has no customer account to name.
        query.AddLink(Account.EntityLogicalName, SalesOrder.Fields.CustomerId, Account.Fields.AccountId);
        query.AddOrder(SalesOrder.Fields.CreatedOn, OrderType.Ascending);
        var rows = system.RetrieveMultiple(query).Entities;
        var page = rows.Take(PageSize).ToList();
        foreach (var order in page)
        {
            system.Update(new Entity(SalesOrder.EntityLogicalName, order.Id)
            {
                [SalesOrder.Fields.EnteredFor] = new EntityReference(Account.EntityLogicalName, order.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id),
            });
        }

        remaining = rows.Count > PageSize;
        return page.Count;
    }
}
