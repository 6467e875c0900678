using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Payment posting (cos_payment Create, post-operation, synchronous): applies the payment to the receivables it names,
/// rescores the account (event mode, aggregate queries), records score history when the picture changed and releases
/// orders on credit hold that the payment cures. Synchronous on purpose: the payment, its application and the account's
/// new exposure commit together or not at all (the ERP worker's delivery is retried on failure and the payment's
/// alternate key makes the retry idempotent), and a released order is visible the moment the payment is posted.
/// Budget: 1 + one update per receivable settled + <see cref="AccountRescoring.MaximumCalls"/> + 2 + one update per
/// released order, independent of the size of the customer's history.
/// </summary>
[PluginStep(Messages.Create, Payment.EntityLogicalName, PipelineStage.PostOperation, CreateStepId,
    Description = "Applies a posted payment, rescores the customer and releases holds the payment cures.")]
public sealed class PaymentPostingPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a2001";

    public PaymentPostingPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var payment = context.TargetEntity;
        var service = context.SystemService;
        var now = context.OperationCreatedOn;
        var applied = PaymentApplication.Apply(service, context.TracingService, payment, context.PrimaryEntityId, now);
        var cause = "payment " + (payment.GetAttributeValue<string>(Payment.Fields.Name) ?? context.PrimaryEntityId.ToString());
        var rescored = AccountRescoring.Rescore(service, context.TracingService, applied.AccountId, ScoreTrigger.Event, cause, now);
        HoldRelease.ReleaseCuredHolds(service, context.TracingService, rescored, applied.AccountId, cause, now);
    }
}
