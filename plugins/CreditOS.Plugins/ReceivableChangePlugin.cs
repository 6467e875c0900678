using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Receivable changes (cos_receivable Create, and Update of open amount, due date, settlement or dispute (a dispute enters
/// the Risk score's dispute factor); post-operation,
/// asynchronous): rescores the customer so exposure, aging and scores follow the ERP. Asynchronous because receivables
/// arrive in bulk from the ERP and none of them needs an answer in the caller's transaction; the rescoring takes the
/// account's lock, so it cannot overwrite an order check in flight. A change that applies a payment (it names the
/// payment in cos_lastpaymentid) is left alone: the payment posting rescored the customer after applying it, in the
/// same transaction, so a second rescoring would only repeat that work. When the credit configuration stops scoring, the
/// receivable change stays, the account is held with a "Scoring failed" alert (<see cref="ScoringFailure"/>) and the
/// system job fails with the reason. Budget: <see cref="AccountRescoring.MaximumCalls"/> (+2 on a configuration failure).
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PostOperation, CreateStepId,
    Mode = ExecutionMode.Asynchronous, Description = "Rescores the customer when an ERP receivable arrives.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    Mode = ExecutionMode.Asynchronous, FilteringAttributes = TriggerColumns,
    Description = "Rescores the customer when a receivable's open amount, due date, settlement or dispute changes.")]
[PluginImage(UpdateStepId, ImageType.PostImage, PostImageAlias, Receivable.Fields.AccountId)]
public sealed class ReceivableChangePlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3001";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3002";
    public const string PostImageAlias = "PostImage";
    public const string TriggerColumns = Receivable.Fields.OpenAmount + "," + Receivable.Fields.DueDate + "," + Receivable.Fields.SettledOn + "," + Receivable.Fields.IsDisputed;

    public ReceivableChangePlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.TargetEntity.GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>(Receivable.Fields.LastPaymentId) is { } payment)
        {
            context.Trace("Receivable {0} changed by applying payment {1}, which rescored the customer itself.", context.PrimaryEntityId, payment.Id);
            return;
        }

        var image = new RegisteredImage(context.TryGetPostImage(PostImageAlias, out var post) ? post : null, Receivable.Fields.AccountId);
        var account = image.Current<Microsoft.Xrm.Sdk.EntityReference>(context.TargetEntity, Receivable.Fields.AccountId);
        if (account is null)
        {
            context.Trace("Receivable {0} has no account; nothing to rescore.", context.PrimaryEntityId);
            return;
        }

        const string cause = "receivable change";
        try
        {
            AccountRescoring.Rescore(context.SystemService, context.TracingService, account.Id, ScoreTrigger.Event, cause, context.OperationCreatedOn);
        }
        catch (Microsoft.Xrm.Sdk.InvalidPluginExecutionException failure) when (ScoringFailure.IsConfigurationFailure(failure))
        {
            // Asynchronous: each call commits on its own, so the hold and the alert stay; the rethrow makes the system job fail with the reason.
            ScoringFailure.HoldAndAlert(context.SystemService, context.TracingService, account.Id, cause + " " + context.PrimaryEntityId, failure.Message, context.OperationCreatedOn);
            throw;
        }

        // The worklist figures of this receivable (fixed cost; the daily batch refreshes the account's other items).
        if (context.MessageName == Messages.Create || context.TargetEntity.Contains(Receivable.Fields.OpenAmount) || context.TargetEntity.Contains(Receivable.Fields.DueDate))
        {
            CreditOS.Dataverse.Credit.Collections.CollectionsRefresh.RefreshOne(context.SystemService, context.TracingService, account.Id, context.PrimaryEntityId, context.OperationCreatedOn);
        }
    }
}
