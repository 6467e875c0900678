using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only the integration worker (the ERP's voice) or SYSTEM reverses a payment, and a payment is never created reversed
/// (<see cref="PaymentReversalWriters.CheckPaymentReversal"/>). Pre-validation, synchronous. Budget: 0 when no reversal column
/// changes, 1 for the worker, 2 to refuse.
/// </summary>
[PluginStep(Messages.Create, Payment.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "A payment is posted first and reversed later, never created reversed.")]
[PluginStep(Messages.Update, Payment.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = PaymentReversal.Columns, Description = "Only the integration worker reverses a payment.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, PaymentReversalWriters.PaymentImageColumns)]
public sealed class PaymentReversalGuardPlugin : PluginBase
{
    public const string CreateStepId = "3b7f61c2-8f0e-4c1a-9d54-5a0c2e7b1402";
    public const string UpdateStepId = "3b7f61c2-8f0e-4c1a-9d54-5a0c2e7b1403";
    public const string PreImageAlias = "PreImage";

    public PaymentReversalGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        PaymentReversalWriters.CheckPaymentReversal(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => IntegrationIdentity.IsIntegration(context.SystemService, context.UserId),
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
