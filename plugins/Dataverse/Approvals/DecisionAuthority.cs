using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Segregation of duties for credit decisions: only Finance approvers decide (by role identity or Finance team
/// membership), and never on a request they raised, for a customer they (or a team of theirs) own (controls round 12),
/// nor for an order they own, entered or last changed: a Finance
/// approver (Write on every order) who raises a held order's amount puts it on hold again, and the new request names the
/// order's creator as requester, so without the last change she would approve the amount she set herself. The order's
/// last change is hers until another person or the credit flow writes it; a decision does not (it is pending). Nor whose
/// save the order's credit check last decided (<c>cos_creditcheckedfor</c>, written by the check itself, controls round
/// 10): another person's later edit does not make the amount she set someone else's. Checked on
/// the server by the request guard plug-in and again by the activity that applies the decision.
/// </summary>
public static class DecisionAuthority
{
    /// <param name="request">The request as saved: its name, who raised it and the order it is for.</param>
    public static void EnsureMayDecide(IOrganizationService service, Guid deciderId, Entity request)
    {
        var requestName = request.GetAttributeValue<string>(RequestFields.Name) ?? request.Id.ToString();
        if (request.GetAttributeValue<EntityReference>(RequestFields.RequestedBy)?.Id == deciderId)
        {
            throw new InvalidPluginExecutionException(
                $"You raised the credit approval request '{requestName}', so you cannot decide it: another Finance approver must (segregation of duties).");
        }

        if (!ApproverDirectory.IsFinanceApprover(service, deciderId))
        {
            throw new InvalidPluginExecutionException(
                $"Only holders of the solution's '{ApprovalConfiguration.FinanceApproverRoleName}' role or members of the Finance credit approvers team may approve or reject credit approval request '{requestName}'.");
        }

        EnsureNotTheCustomersOwner(deciderId, request, requestName);
        if (request.GetAttributeValue<EntityReference>(RequestFields.SalesOrderId) is { } order)
        {
            // The decision reads the order's owner, creator and last modifier with the request
            // (ApprovalRequestStore.RetrieveForDecision); the request guard, given the request as saved, reads them here.
            EntityReference? lastChangedBy = null;
            EntityReference? checkedFor = null;
            decimal? amount = null;
            var people = request.Contains(ApprovalRequestStore.OrderOwnerAlias)
                ? new[] { request.Aliased<EntityReference>(ApprovalRequestStore.OrderOwnerAlias), request.Aliased<EntityReference>(ApprovalRequestStore.OrderCreatedByAlias) }
                : OrderOwnerAndCreator(service, order, out lastChangedBy, out checkedFor, out amount);
            if (people.Any(person => person?.Id == deciderId))
            {
                throw new InvalidPluginExecutionException(
                    $"You own or entered the order of credit approval request '{requestName}', so you cannot decide it: another Finance approver must (segregation of duties).");
            }

            if (request.Contains(ApprovalRequestStore.OrderOwnerAlias))
            {
                lastChangedBy = request.Aliased<EntityReference>(ApprovalRequestStore.OrderModifiedByAlias);
                checkedFor = request.Aliased<EntityReference>(ApprovalRequestStore.OrderCheckedForAlias);
                amount = request.Aliased<Money>(ApprovalRequestStore.OrderAlias + "." + SalesOrder.Fields.TotalAmount)?.Value;
            }

            if (lastChangedBy?.Id == deciderId)
            {
                throw new InvalidPluginExecutionException(
                    $"You made the last change to the order of credit approval request '{requestName}', so you cannot decide it: another Finance approver must decide the order as you changed it (segregation of duties).");
            }

            // Controls round 10: the last change is anyone's next save (Sam adding a delivery note cleared Fiona's raise);
            // whose save the credit check decided stays on the order until the check decides another one.
            if (checkedFor?.Id == deciderId)
            {
                throw new InvalidPluginExecutionException(
                    $"The credit check of the order of credit approval request '{requestName}' decided your save (its amount {ApprovalText.Amount(amount ?? 0m)}), so you cannot decide it: another Finance approver must decide the order as you set it (segregation of duties).");
            }
        }
    }

    /// <summary>
    /// Controls round 12: four eyes on the customer too. Whoever owns the customer (its account manager, or a team of
    /// them) has an interest in its orders and limits, as the order's owner has in the order: a credit manager who also
    /// manages the account, or belongs to the team that owns it, does not decide its requests. Read from the request's one
    /// query (<see cref="ApprovalRequestStore.RetrieveForDecision"/> joins the owner and the decider's membership of an
    /// owning team): no call.
    /// </summary>
    private static void EnsureNotTheCustomersOwner(Guid deciderId, Entity request, string requestName)
    {
        var customer = request.Aliased<string>(ApprovalRequestStore.CustomerNameAlias) ?? request.GetAttributeValue<EntityReference>(RequestFields.AccountId)?.Id.ToString();
        var owner = request.Aliased<EntityReference>(ApprovalRequestStore.CustomerOwnerAlias);
        if (owner?.Id == deciderId)
        {
            throw new InvalidPluginExecutionException(
                $"You own its customer '{customer}', so you cannot decide credit approval request '{requestName}': another Finance approver must (segregation of duties).");
        }

        // The membership row is joined on the owner and the decider: present only when a team they belong to owns the customer.
        if (owner is not null && request.Contains(ApprovalRequestStore.CustomerOwnerTeamAlias + "." + TeamMembership.Fields.TeamId))
        {
            throw new InvalidPluginExecutionException(
                $"A team you belong to owns its customer '{customer}', so you cannot decide credit approval request '{requestName}': another Finance approver must (segregation of duties).");
        }
    }

    private static EntityReference?[] OrderOwnerAndCreator(IOrganizationService service, EntityReference order, out EntityReference? lastChangedBy, out EntityReference? checkedFor, out decimal? amount)
    {
        var row = service.Retrieve(SalesOrder.EntityLogicalName, order.Id, new ColumnSet(
            SalesOrder.Fields.OwnerId, SalesOrder.Fields.CreatedBy, SalesOrder.Fields.ModifiedBy, SalesOrder.Fields.CreditCheckedFor, SalesOrder.Fields.TotalAmount));
        lastChangedBy = row.GetAttributeValue<EntityReference>(SalesOrder.Fields.ModifiedBy);
        checkedFor = row.GetAttributeValue<EntityReference>(SalesOrder.Fields.CreditCheckedFor);
        amount = row.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value;
        return [row.GetAttributeValue<EntityReference>(SalesOrder.Fields.OwnerId), row.GetAttributeValue<EntityReference>(SalesOrder.Fields.CreatedBy)];
    }
}
