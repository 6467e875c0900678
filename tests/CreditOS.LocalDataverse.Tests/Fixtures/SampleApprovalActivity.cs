using System.Activities;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// The sample workflow activity: when the account's credit limit is above the threshold it routes the
/// account to the approval queue and says so.
/// </summary>
public sealed class SampleApprovalActivity : CodeActivity
{
    [Input("Threshold")]
    [RequiredArgument]
    public InArgument<Money> Threshold { get; set; } = new();

    [Input("Approval queue")]
    [ReferenceTarget("queue")]
    public InArgument<EntityReference> ApprovalQueue { get; set; } = new();

    [Output("Needs approval")]
    public OutArgument<bool> NeedsApproval { get; set; } = new();

    [Output("Queue item")]
    [ReferenceTarget("queueitem")]
    public OutArgument<EntityReference> QueueItem { get; set; } = new();

    protected override void Execute(CodeActivityContext context)
    {
        var workflow = context.GetExtension<IWorkflowContext>();
        var tracing = context.GetExtension<ITracingService>();
        var service = context.GetExtension<IOrganizationServiceFactory>().CreateOrganizationService(workflow.UserId);
        var account = service.Retrieve(workflow.PrimaryEntityName, workflow.PrimaryEntityId, new ColumnSet("creditlimit"));
        var limit = account.GetAttributeValue<Money>("creditlimit")?.Value ?? 0m;
        var needsApproval = limit > Threshold.Get(context).Value;
        tracing.Trace("limit {0}, needs approval {1}", limit, needsApproval);
        NeedsApproval.Set(context, needsApproval);
        if (needsApproval)
        {
            var response = (AddToQueueResponse)service.Execute(new AddToQueueRequest
            {
                Target = new EntityReference(workflow.PrimaryEntityName, workflow.PrimaryEntityId),
                DestinationQueueId = ApprovalQueue.Get(context).Id,
            });
            QueueItem.Set(context, new EntityReference("queueitem", response.QueueItemId));
        }
    }
}
