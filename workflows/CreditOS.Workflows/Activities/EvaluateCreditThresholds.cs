using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>Raises credit alerts for utilization and overdue crossings (see <see cref="ThresholdAlertEvaluator"/>).</summary>
public sealed class EvaluateCreditThresholds : WorkflowActivityBase
{
    [RequiredArgument]
    [Input("Account")]
    [ReferenceTarget(CreditOS.Dataverse.Model.Account.EntityLogicalName)]
    public InArgument<EntityReference> Account { get; set; } = new();

    [Output("Alerts raised")]
    public OutArgument<int> AlertsRaised { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context)
    {
        var account = context.Get(Account) ?? throw new InvalidPluginExecutionException("Evaluate credit thresholds needs the account.");
        context.Set(AlertsRaised, ThresholdAlertEvaluator.Evaluate(context.SystemService, account, context.OperationCreatedOn));
    }
}
