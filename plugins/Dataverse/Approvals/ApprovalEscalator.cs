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
/// Reads are constant whatever the number of overdue requests (<see cref="ConstantReads"/>: the overdue requests with
/// their customers' groups joined, the settings, the active routes, the fallback queue when a route names none); each
/// escalated request then costs <see cref="CallsPerRequest"/> writes (its queue move and its status).
/// </summary>
public static class ApprovalEscalator
{
    /// <summary>Reads at most, however many requests are overdue.</summary>
    public const int ConstantReads = 4;

    /// <summary>Calls per escalated request: AddToQueue and the request's update.</summary>
    public const int CallsPerRequest = 2;

    private const string AccountAlias = "escalated_account";
    private const string CustomerGroupAlias = AccountAlias + "." + Account.Fields.CustomerGroup;

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

        // The customer's group comes with the request (its route), instead of one account read per request.
        var account = query.AddLink(Account.EntityLogicalName, RequestFields.AccountId, Account.Fields.AccountId, JoinOperator.LeftOuter);
        account.EntityAlias = AccountAlias;
        account.Columns = new ColumnSet(Account.Fields.CustomerGroup);
        var overdue = service.RetrieveMultiple(query).Entities;
        if (overdue.Count == 0)
        {
            return 0;
        }

        var settings = ApprovalSettings.Read(service);
        var routes = ApprovalRoute.ReadActive(service);
        var fallback = new Lazy<EntityReference>(() => QueueNamed(service, settings.EscalationQueueName));
        foreach (var request in overdue)
        {
            // A request without a customer goes to the environment variable's queue, as before.
            var routed = request.GetAttributeValue<EntityReference>(RequestFields.AccountId) is null
                ? null
                : ApprovalRoute.Choose(routes, request.Aliased<OptionSetValue>(CustomerGroupAlias), settings).EscalationQueue;
            var destination = routed ?? fallback.Value;
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

    private static EntityReference QueueNamed(IOrganizationService service, string name)
    {
        var query = new QueryExpression(Queue.EntityLogicalName) { ColumnSet = new ColumnSet(Queue.Fields.Name), TopCount = 1 };
        query.Criteria.AddCondition(Queue.Fields.Name, ConditionOperator.Equal, name);
        return service.RetrieveMultiple(query).Entities.FirstOrDefault()?.ToEntityReference()
            ?? throw new InvalidPluginExecutionException($"The escalation queue '{name}' (environment variable {ApprovalConfiguration.EnvironmentVariables.EscalationQueueName}) does not exist.");
    }
}
