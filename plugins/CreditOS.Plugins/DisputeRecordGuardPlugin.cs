using CreditOS.Dataverse.Credit.Disputes;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Refuses a dispute's reason, who and when written by anyone but the Dispute invoice action (<see cref="DisputeRecordGuard"/>).
/// Pre-validation, synchronous. Budget: 0; 1 when a dispute column is written.
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the Dispute invoice action records who disputed an invoice, when and why.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = DisputeRecordGuard.RecordColumns, Description = "Only the Dispute invoice action records who disputed an invoice, when and why.")]
public sealed class DisputeRecordGuardPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3201";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3202";

    public DisputeRecordGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        DisputeRecordGuard.Guard(context.PluginExecutionContext, context.SystemService, context.TargetEntity);
}
