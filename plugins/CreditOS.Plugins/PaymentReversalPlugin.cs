using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// A payment reversal from the ERP (cos_payment Update of its reversal columns, pre-operation, synchronous): undoes the
/// payment's applications, takes its unapplied part back from the account and rescores the account, all in the write's
/// transaction, or refuses with the figures (<see cref="PaymentReversal"/>; rules in engine Ledger/PaymentReversals).
/// Synchronous, as the posting is: the reversal, its reopened invoices and the account's new exposure commit together, so
/// an order checked the next moment sees the bounced money as open. Who may write the columns is
/// <see cref="PaymentReversalGuardPlugin"/>'s. Budget: <see cref="PaymentReversal.FixedCalls"/> + one update per invoice
/// the payment had a share of + 1 when its unapplied cash moves + the rescoring's; none for a redelivered reversal.
/// </summary>
[PluginStep(Messages.Update, Payment.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = PaymentReversal.Columns, Description = "Applies a payment reversal from the ERP: reopens what the payment paid, takes back its unapplied cash, rescores the customer.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, PaymentReversal.ImageColumns)]
public sealed class PaymentReversalPlugin : PluginBase
{
    public const string UpdateStepId = "3b7f61c2-8f0e-4c1a-9d54-5a0c2e7b1401";
    public const string PreImageAlias = "PreImage";

    public PaymentReversalPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        PaymentReversal.Apply(
            context.SystemService,
            context.TracingService,
            context.TargetEntity,
            new RegisteredImage(context.TryGetPreImage(PreImageAlias, out var before) ? before : null, PaymentReversal.ImageColumns),
            context.PrimaryEntityId,
            context.OperationCreatedOn);
}
