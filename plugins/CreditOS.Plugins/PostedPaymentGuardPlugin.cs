using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Refuses a change to what a posted payment applied (amount, account, currency, applied invoices) with the figures;
/// identical values saved again pass, so the ERP worker's redelivered upsert stays idempotent. Pre-operation and
/// synchronous so the refusal reaches the writer. Budget: 0 calls.
/// </summary>
[PluginStep(Messages.Update, Payment.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = PostedPaymentGuard.PostedColumns, Description = "Refuses changes to a posted payment's amount, discount, account, currency, invoices or payment date.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, PostedPaymentGuard.PostedColumns)]
public sealed class PostedPaymentGuardPlugin : PluginBase
{
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a2002";
    public const string PreImageAlias = "PreImage";

    public PostedPaymentGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        PostedPaymentGuard.Guard(context.TargetEntity, new RegisteredImage(context.TryGetPreImage(PreImageAlias, out var before) ? before : null, PostedPaymentGuard.PostedColumns));
}
