using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>Finds and decides credit approval requests the way the people in the story would, through the organization service.</summary>
internal static class ApprovalRequests
{
    private const string QueueAlias = "queue";
    private const string DeciderAlias = "decider";

    public static ApprovalRequestState? ForOrder(IOrganizationService service, Guid orderId)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(CreditApprovalRequest.Fields.ApprovalStatus, CreditApprovalRequest.Fields.DecisionComment),
        };
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.SalesOrderId, ConditionOperator.Equal, orderId);
        query.AddOrder(CreditApprovalRequest.Fields.RequestedOn, OrderType.Descending);
        var queue = query.AddLink(Queue.EntityLogicalName, CreditApprovalRequest.Fields.QueueId, Queue.Fields.QueueId, JoinOperator.LeftOuter);
        queue.EntityAlias = QueueAlias;
        queue.Columns = new ColumnSet(Queue.Fields.Name);
        var decider = query.AddLink(SystemUser.EntityLogicalName, CreditApprovalRequest.Fields.DecidedBy, SystemUser.Fields.SystemuserId, JoinOperator.LeftOuter);
        decider.EntityAlias = DeciderAlias;
        decider.Columns = new ColumnSet(SystemUser.Fields.FullName);
        var row = service.RetrieveMultiple(query).Entities.FirstOrDefault();
        return row is null
            ? null
            : new ApprovalRequestState(
                row.Id,
                ((CreditApprovalStatus?)row.GetAttributeValue<OptionSetValue>(CreditApprovalRequest.Fields.ApprovalStatus)?.Value)?.ToString() ?? "none",
                row.GetAttributeValue<AliasedValue>(QueueAlias + "." + Queue.Fields.Name)?.Value as string,
                row.GetAttributeValue<AliasedValue>(DeciderAlias + "." + SystemUser.Fields.FullName)?.Value as string,
                row.GetAttributeValue<string>(CreditApprovalRequest.Fields.DecisionComment));
    }

    /// <summary>Requests still waiting for a decision (pending, escalated, or with a question to the sales rep).</summary>
    public static int Pending(IOrganizationService service)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName) { ColumnSet = new ColumnSet(CreditApprovalRequest.Fields.ApprovalStatus) };
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.ApprovalStatus, ConditionOperator.In,
            (int)CreditApprovalStatus.Pending, (int)CreditApprovalStatus.Escalated, (int)CreditApprovalStatus.MoreInformationRequested, (int)CreditApprovalStatus.InformationProvided);
        return service.RetrieveMultiple(query).Entities.Count;
    }

    /// <summary>
    /// Decides the request as the given user through the approval form's command, the Custom API cos_DecideCreditApproval;
    /// the server decides whether that user may.
    /// </summary>
    public static void Decide(IOrganizationService asUser, Guid requestId, CreditApprovalStatus decision, string comment) =>
        asUser.Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(CreditApprovalRequest.EntityLogicalName, requestId),
            ["Decision"] = decision switch
            {
                CreditApprovalStatus.Approved => "Approve",
                CreditApprovalStatus.Rejected => "Reject",
                _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Finance approves or rejects."),
            },
            ["Comment"] = comment,
        });
}
