using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// An invoice's ledger columns (open amount, settlement, what the ERP counted as paid, the settling payment, discount taken,
/// days late) are written only through the ledger (<see cref="ReceivableLedgerWriters"/>, controls round 6): payment
/// posting (SYSTEM) or the ERP's statement of its amount or open amount, which <see cref="ReceivableAmendmentPlugin"/> turns into the
/// ledger's figures. Pre-validation, synchronous. Budget: 0 when no guarded column changes (the worker's restatements and
/// redeliveries), 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity) when one does.
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only payment posting records an invoice's settling payment, discount taken and days late.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = ReceivableLedgerWriters.Columns, Description = "An invoice's open amount and what the ERP counted as paid move only through the ledger.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ReceivableLedgerWriters.ImageColumns)]
public sealed class ReceivableLedgerGuardPlugin : PluginBase
{
    public const string CreateStepId = "3b0f6c52-8d1e-4f0a-9c6d-5e2a7b1c0601";
    public const string UpdateStepId = "3b0f6c52-8d1e-4f0a-9c6d-5e2a7b1c0602";
    public const string PreImageAlias = "PreImage";

    public ReceivableLedgerGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ReceivableLedgerWriters.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
