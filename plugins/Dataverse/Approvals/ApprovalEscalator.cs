using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Moves pending requests past their due time to the escalation queue (the route's, else the queue the
/// environment variable names) and flags them Escalated with the time. Escalated requests stay decidable.
/// </summary>
public static class ApprovalEscalator
{
    /// <param name="onlyRequest">Escalate only this request (when it is pending and overdue); null for every overdue request.</param>
    public static int EscalateOverdue(IOrganizationService service, DateTime now, EntityReference? onlyRequest = null)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName) { ColumnSet = new ColumnSet(RequestFields.AccountId, RequestFields.QueueId) };
        query.Criteria.AddCondition(RequestFields.StateCode, ConditionOperator.Equal, (int)CreditApprovalRequestState.Active);
        query.Criteria.AddCondition(RequestFields.ApprovalStatus, ConditionOperator.Equal, (int)CreditApprovalStatus.Pending);
        query.Criteria.AddCondition(RequestFields.DueBy, ConditionOperator.LessEqual, now);
        if (onlyRequest is not null)
        {
            query.Criteria.AddCondition(RequestFields.CreditApprovalRequestId, ConditionOperator.Equal, onlyRequest.Id);
        }
        var overdue = service.RetrieveMultiple(query).Entities;
        if (overdue.Count == 0)
        {
            return 0;
        }

        var settings = ApprovalSettings.Read(service);
        var fallback = new Lazy<EntityReference>(() => QueueNamed(service, settings.EscalationQueueName));
        foreach (var request in overdue)
        {
            var destination = EscalationQueueFor(service, request, settings) ?? fallback.Value;
            service.Execute(new AddToQueueRequest
            {
                Target = request.ToEntityReference(),
                DestinationQueueId = destination.Id,
            });
            service.Update(new Entity(CreditApprovalRequest.EntityLogicalName, request.Id)
            {
                [RequestFields.ApprovalStatus] = new OptionSetValue((int)CreditApprovalStatus.Escalated),
                [RequestFields.EscalatedOn] = now,
                [RequestFields.QueueId] = destination,
            });
        }

        return overdue.Count;
    }

    private static EntityReference? EscalationQueueFor(IOrganizationService service, Entity request, ApprovalSettings settings)
    {
        var account = request.GetAttributeValue<EntityReference>(RequestFields.AccountId);
        if (account is null)
        {
            return null;
        }

        var group = service.Retrieve(Account.EntityLogicalName, account.Id, new ColumnSet(Account.Fields.CustomerGroup)).GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup);
        return ApprovalRoute.For(service, group, settings).EscalationQueue;
    }

    private static EntityReference QueueNamed(IOrganizationService service, string name)
    {
        var query = new QueryExpression(Queue.EntityLogicalName) { ColumnSet = new ColumnSet(Queue.Fields.Name), TopCount = 1 };
        query.Criteria.AddCondition(Queue.Fields.Name, ConditionOperator.Equal, name);
        return service.RetrieveMultiple(query).Entities.FirstOrDefault()?.ToEntityReference()
            ?? throw new InvalidPluginExecutionException($"The escalation queue '{name}' (environment variable {ApprovalConfiguration.EnvironmentVariables.EscalationQueueName}) does not exist.");
    }
}
