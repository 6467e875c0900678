using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Api = CreditOS.Dataverse.Approvals.EvaluateCreditThresholdsApi;

namespace CreditOS.Workflows.Activities;

/// <summary>
/// Raises credit alerts for utilization and overdue crossings through the Custom API cos_EvaluateCreditThresholds,
/// called as the process's user (its plug-in writes as SYSTEM, see <see cref="ThresholdAlertEvaluator"/>).
/// </summary>
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
        var response = context.UserService.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = account });
        context.Set(AlertsRaised, (int)response[Api.Response.AlertsRaised]);
    }
}
