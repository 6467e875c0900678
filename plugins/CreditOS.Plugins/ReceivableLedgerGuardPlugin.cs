using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The figures payments, reversals and the ERP rule keep on an invoice (the payments' shares, what the ERP counted as paid
/// ahead, the last payment, the discount taken) are written by the credit flow (SYSTEM) only
/// (<see cref="LedgerWriters.CheckReceivable"/>). Pre-validation, synchronous. Budget: 0 when none of them changes,
/// 1 otherwise (who SYSTEM is).
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the credit flow sets an invoice's payment shares, paid-ahead figure, last payment and discount taken.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = LedgerWriters.ReceivableColumns, Description = "Only the credit flow changes an invoice's payment shares, paid-ahead figure, last payment and discount taken.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, LedgerWriters.ReceivableImageColumns)]
public sealed class ReceivableLedgerGuardPlugin : PluginBase
{
    public const string CreateStepId = "3b7f61c2-8f0e-4c1a-9d54-5a0c2e7b1404";
    public const string UpdateStepId = "3b7f61c2-8f0e-4c1a-9d54-5a0c2e7b1405";
    public const string PreImageAlias = "PreImage";

    public ReceivableLedgerGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        LedgerWriters.CheckReceivable(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
