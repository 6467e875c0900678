using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using History = CreditOS.Dataverse.Model.CreditScoreHistory;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// How much an account's limit was already raised without Finance since Finance last set it: the limit-change history
/// rows the router wrote for increases within the no-approval amount (a limit change with no approval request), newest
/// first, up to the latest limit Finance set (a limit change with its request). The router adds the new increase to it,
/// so the no-approval amount bounds the increases together: asking for it again and again does not walk the limit up
/// past Finance. One query.
/// </summary>
public static class UnapprovedLimitIncreases
{
    // More rows than this since Finance last looked would already have been stopped by the amount.
    private const int RowsRead = 50;

    public static decimal SinceFinanceLastSetTheLimit(IOrganizationService service, Guid accountId)
    {
        var query = new QueryExpression(History.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(History.Fields.CreditApprovalRequestId, History.Fields.PreviousCreditLimit, History.Fields.CreditLimit),
            TopCount = RowsRead,
        };
        query.Criteria.AddCondition(History.Fields.AccountId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(History.Fields.EntryType, ConditionOperator.Equal, (int)CreditScoreHistoryEntryType.LimitChange);
        query.AddOrder(History.Fields.ScoredOn, OrderType.Descending);
        var raised = 0m;
        foreach (var row in service.RetrieveMultiple(query).Entities)
        {
            if (row.GetAttributeValue<EntityReference>(History.Fields.CreditApprovalRequestId) is not null)
            {
                break;
            }

            var increase = (row.GetAttributeValue<Money>(History.Fields.CreditLimit)?.Value ?? 0m) - (row.GetAttributeValue<Money>(History.Fields.PreviousCreditLimit)?.Value ?? 0m);
            raised += Math.Max(0m, increase);
        }

        return raised;
    }
}
