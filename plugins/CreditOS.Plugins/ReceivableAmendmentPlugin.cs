using CreditOS.Dataverse.Credit.Payments;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// An ERP change of an invoice's amount or open amount (cos_receivable Update of cos_amount or cos_openamount, pre-operation,
/// synchronous): feeds the ERP's restated open figure to the engine's PaidInTheErp rule (session 14: paid = max(the ERP's
/// figure, what creditOS applied)), so payments posted here are never undone by a redelivered or late ERP message nor
/// counted twice, and settles or reopens the invoice accordingly (a write of the amount alone moves the open amount by
/// the change of amount); a write from an older
/// ERP version than the row's is refused first (<see cref="ReceivableVersionCheck"/>; when it names its message id it is
/// instead reduced to recording that id as superseded, <see cref="ReceivableSourceMessages"/>), then a write naming another customer
/// than the invoice's (<see cref="ReceivableOwnershipCheck"/>, audit round 3: it used to move the invoice and its payments
/// to the other account while the first kept counting it). The asynchronous
/// receivable step then rescores the customer. On Create and on a change of amount it also refuses an amount beyond its
/// currency's sanity cap (<see cref="AmountSanityLimits"/>). Budget: <see cref="AmountSanityLimits.ReceivableCalls"/> +
/// <see cref="ReceivableAmendment.Calls"/>.
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PreOperation, CreateStepId,
    Description = "Refuses an invoice amount beyond its currency's sanity cap; records what the ERP counts as paid on a new invoice.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = Receivable.Fields.Amount + "," + Receivable.Fields.OpenAmount + "," + Receivable.Fields.SourceVersion + "," + Receivable.Fields.SourceMessageId + "," + Receivable.Fields.AccountId,
    Description = "Refuses an ERP version older than the invoice's and a move to another customer; applies an ERP restatement of its amount and open amount (credit note, paid or reopened in the ERP).")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ImageColumns)]
public sealed class ReceivableAmendmentPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3004";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3003";
    public const string ImageColumns = Receivable.Fields.AccountId + "," + Receivable.Fields.TransactionCurrencyId + "," + Receivable.Fields.ErpId;
    public const string PreImageAlias = "PreImage";

    public ReceivableAmendmentPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var target = context.TargetEntity;
        var image = new RegisteredImage(context.TryGetPreImage(PreImageAlias, out var before) ? before : null, ImageColumns);
        if (target.Contains(Receivable.Fields.Amount))
        {
            AmountSanityLimits.CheckReceivable(
                context.SystemService,
                image.Exists ? image.Current<EntityReference>(target, Receivable.Fields.TransactionCurrencyId) : target.GetAttributeValue<EntityReference>(Receivable.Fields.TransactionCurrencyId),
                target.MoneyOrZero(Receivable.Fields.Amount),
                (image.Exists ? image.Current<string>(target, Receivable.Fields.ErpId) : target.GetAttributeValue<string>(Receivable.Fields.ErpId)) ?? context.PrimaryEntityId.ToString());
        }

        if (!image.Exists)
        {
            // A new invoice: its open amount is the ERP's, and what the ERP counts as paid on it is remembered, so the
            // payments it counted (posted here too, often after the invoice) are matched against it, not counted twice.
            ReceivableSourceMessages.Record(target, null, ReceivableSourceMessages.Incoming(target));
            ErpPaidAhead.OnCreate(target, context.TracingService);
            return;
        }

        var account = image.Get<EntityReference>(Receivable.Fields.AccountId);
        if (account is null)
        {
            context.Trace("Receivable {0} has no account; its amount change is taken as it is.", context.PrimaryEntityId);
            return;
        }

        ReceivableAmendment.Apply(context.SystemService, context.TracingService, context.TargetEntity, context.PrimaryEntityId, account.Id, context.OperationCreatedOn);
    }
}
