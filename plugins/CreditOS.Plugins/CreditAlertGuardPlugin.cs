using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Controls round 24 (session 31), its left item: only the credit flow writes what a credit alert records (<see cref="CreditAlertFacts"/>:
/// account, type, threshold, crossing key, figures, time, severity, message) or opens a closed alert again, so a Finance
/// Approver, who writes alerts to acknowledge and close them, cannot keep a crossing from being raised. Pre-validation,
/// synchronous, so nothing is written. Budget: 0 when no fact changes; at most 1 (who SYSTEM is, once per organization:
/// CreditFlowIdentity).
/// </summary>
[PluginStep(Messages.Create, CreditAlert.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the credit flow raises a credit alert with its facts.")]
[PluginStep(Messages.Update, CreditAlert.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = CreditAlertFacts.FilteringColumns, Description = "Only the credit flow changes a credit alert's facts or opens it again.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CreditAlertFacts.PreImageColumns)]
public sealed class CreditAlertGuardPlugin : PluginBase
{
    public const string CreateStepId = "3f1c7d52-9a4e-4b8d-a6e2-5c0b9d71e843";
    public const string UpdateStepId = "b82e4a19-6d3f-47c5-9e81-0a7f2c5d9b36";
    public const string PreImageAlias = "PreImage";

    public CreditAlertGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        CreditAlertFacts.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
