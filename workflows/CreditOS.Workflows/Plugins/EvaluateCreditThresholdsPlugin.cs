using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Api = CreditOS.Dataverse.Approvals.EvaluateCreditThresholdsApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_EvaluateCreditThresholds, which the activity EvaluateCreditThresholds
/// calls as the process's user: raises and closes credit alerts as SYSTEM (<see cref="ThresholdAlertEvaluator"/>) after
/// checking that the caller can read the account (<see cref="WorkflowStepCallers"/>).
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = Account.EntityLogicalName,
    Description = "Raises credit alerts for the account's utilization and overdue crossings; the process 'Evaluate credit thresholds' calls it.")]
[CustomApiResponseProperty(Api.Response.AlertsRaised, CustomApiFieldType.Integer)]
public sealed class EvaluateCreditThresholdsPlugin : PluginBase
{
    /// <summary>
    /// Organization-service calls at most (held by WorkflowStepBudgetTests): the caller's read plus
    /// <see cref="ThresholdAlertEvaluator.MaximumCalls"/> (account, policy and active alerts in one query, the settings
    /// when the policy leaves a threshold empty, three alerts raised at once). It was 10 before the alerts were joined.
    /// </summary>
    public const int MaximumCalls = 1 + ThresholdAlertEvaluator.MaximumCalls;

    public EvaluateCreditThresholdsPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var account = context.TargetReference;
        WorkflowStepCallers.RequireRead(context.UserService, account, Account.PrimaryIdAttribute);
        context.SetOutputParameter(Api.Response.AlertsRaised, ThresholdAlertEvaluator.Evaluate(context.SystemService, account, context.OperationCreatedOn));
    }
}
