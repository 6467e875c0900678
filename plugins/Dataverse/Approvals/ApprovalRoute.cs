using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Where a customer's approval requests go: the queue of the account's segment when one is configured, else the default route.</summary>
public sealed class ApprovalRoute
{
    /// <summary>The longest a temporary limit may run when the route does not say (<c>cos_temporarylimitmaxdays</c> empty).</summary>
    public const int DefaultTemporaryLimitMaxDays = 90;

    private ApprovalRoute(EntityReference queue, EntityReference? escalationQueue, TimeSpan dueTime, decimal? commentRequiredAbove, int temporaryLimitMaxDays)
    {
        TemporaryLimitMaxDays = temporaryLimitMaxDays;
        Queue = queue;
        EscalationQueue = escalationQueue;
        DueTime = dueTime;
        CommentRequiredAbove = commentRequiredAbove;
    }

    public EntityReference Queue { get; }

    public EntityReference? EscalationQueue { get; }

    public TimeSpan DueTime { get; }

    /// <summary>An approval of more than this (the order amount, or the requested limit) needs the approver's comment; null: none does.</summary>
    public decimal? CommentRequiredAbove { get; }

    /// <summary>How many days after the decision a temporary limit Finance grants may run at most (its review date).</summary>
    public int TemporaryLimitMaxDays { get; }

    /// <summary>
    /// The active route for the customer group, or the default route (no group). The due time is the
    /// environment variable's, unless a segment route sets its own hours. The comment threshold and the temporary limit's
    /// longest term are the chosen route's.
    /// </summary>
    public static ApprovalRoute For(IOrganizationService service, OptionSetValue? customerGroup, ApprovalSettings settings) =>
        Choose(ReadActive(service), customerGroup, settings);

    /// <summary>Every active route, in one query, for a caller that routes several customers (the escalation).</summary>
    public static IReadOnlyList<Entity> ReadActive(IOrganizationService service)
    {
        var query = new QueryExpression(ApprovalRouting.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                ApprovalRouting.Fields.CustomerGroup,
                ApprovalRouting.Fields.QueueId,
                ApprovalRouting.Fields.EscalationQueueId,
                ApprovalRouting.Fields.DueInHours,
                ApprovalRouting.Fields.CommentRequiredAbove,
                ApprovalRouting.Fields.TemporaryLimitMaxDays),
        };
        query.Criteria.AddCondition(ApprovalRouting.Fields.StateCode, ConditionOperator.Equal, (int)ApprovalRoutingState.Active);
        return service.RetrieveMultiple(query).Entities.ToList();
    }

    /// <summary>The route for the customer group among the active routes <see cref="ReadActive"/> read.</summary>
    public static ApprovalRoute Choose(IReadOnlyList<Entity> routes, OptionSetValue? customerGroup, ApprovalSettings settings)
    {
        var segment = customerGroup is null
            ? null
            : routes.FirstOrDefault(r => r.GetAttributeValue<OptionSetValue>(ApprovalRouting.Fields.CustomerGroup)?.Value == customerGroup.Value);
        var chosen = segment
            ?? routes.FirstOrDefault(r => r.GetAttributeValue<OptionSetValue>(ApprovalRouting.Fields.CustomerGroup) is null)
            ?? throw new InvalidPluginExecutionException("No active approval route is configured: add a default route (no customer group) in Approval routing.");

        var queue = chosen.GetAttributeValue<EntityReference>(ApprovalRouting.Fields.QueueId)
            ?? throw new InvalidPluginExecutionException($"The approval route {chosen.Id} has no queue.");
        var segmentHours = segment?.GetAttributeValue<int?>(ApprovalRouting.Fields.DueInHours);
        var dueTime = segmentHours is > 0 ? TimeSpan.FromHours(segmentHours.Value) : settings.DueTime;
        return new ApprovalRoute(
            queue,
            chosen.GetAttributeValue<EntityReference>(ApprovalRouting.Fields.EscalationQueueId),
            dueTime,
            chosen.GetAttributeValue<Money>(ApprovalRouting.Fields.CommentRequiredAbove)?.Value,
            chosen.GetAttributeValue<int?>(ApprovalRouting.Fields.TemporaryLimitMaxDays) ?? DefaultTemporaryLimitMaxDays);
    }
}
