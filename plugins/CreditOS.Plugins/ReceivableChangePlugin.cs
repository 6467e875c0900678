using System.ServiceModel;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Receivable changes (cos_receivable Create, and Update of open amount, due date, settlement or dispute (a dispute enters
/// the Risk score's dispute factor); post-operation,
/// asynchronous): rescores the customer so exposure, aging and scores follow the ERP. Asynchronous because receivables
/// arrive in bulk from the ERP and none of them needs an answer in the caller's transaction. An asynchronous step runs
/// outside any transaction, so it rescores through the cos_RescoreAccount Custom API (trigger "event"), whose main
/// operation has a transaction of its own: the rescoring takes the account's lock there, so it cannot overwrite a
/// payment or an order check in flight, and it also releases holds the new picture cures and runs the event-time
/// condition monitor, as any event's rescoring does. A change that applies a payment (it names the
/// payment in cos_lastpaymentid) is left alone: the payment posting rescored the customer after applying it, in the
/// same transaction, so a second rescoring would only repeat that work. When the credit configuration stops scoring, the
/// receivable change stays, the account is held with a "Scoring failed" alert (<see cref="ScoringFailure"/>) and the
/// system job fails with the reason. Budget: the Custom API call and the receivable's worklist refresh (+<see cref="ScoringFailure.HoldCalls"/> on a configuration failure); the Custom API's own budget is its plug-in's.
/// The ERP re-sync flag (cos_erpresyncreason, set by the amendment, cleared by cos_ClearErpResync) changes the invoice's
/// next action (the engine's <c>ErpResyncFirst</c>: not chased while flagged), so a change of the flag alone refreshes
/// the invoice's worklist figures at once, without a rescoring (the flag changes no figure the scores read).
/// </summary>
[PluginStep(Messages.Create, Receivable.EntityLogicalName, PipelineStage.PostOperation, CreateStepId,
    Mode = ExecutionMode.Asynchronous, Description = "Rescores the customer when an ERP receivable arrives.")]
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    Mode = ExecutionMode.Asynchronous, FilteringAttributes = TriggerColumns,
    Description = "Rescores the customer when a receivable's open amount, due date, settlement or dispute changes; refreshes its worklist line when its ERP re-sync flag changes.")]
[PluginImage(UpdateStepId, ImageType.PostImage, PostImageAlias, Receivable.Fields.AccountId)]
public sealed class ReceivableChangePlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3001";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a3002";
    public const string PostImageAlias = "PostImage";
    public const string TriggerColumns = Receivable.Fields.OpenAmount + "," + Receivable.Fields.DueDate + "," + Receivable.Fields.SettledOn + "," + Receivable.Fields.IsDisputed + "," + Receivable.Fields.ErpResyncReason;

    private static readonly string[] RescoringColumns = [Receivable.Fields.OpenAmount, Receivable.Fields.DueDate, Receivable.Fields.SettledOn, Receivable.Fields.IsDisputed];

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

        var target = context.TargetEntity;
        var flagOnly = context.MessageName == Messages.Update && !RescoringColumns.Any(target.Contains);
        if (!flagOnly)
        {
            Rescore(context, account);
        }

        // The worklist figures of this receivable (fixed cost; the daily batch refreshes the account's other items).
        if (context.MessageName == Messages.Create || target.Contains(Receivable.Fields.OpenAmount) || target.Contains(Receivable.Fields.DueDate) || target.Contains(Receivable.Fields.ErpResyncReason))
        {
            CreditOS.Dataverse.Credit.Collections.CollectionsRefresh.RefreshOne(context.SystemService, context.TracingService, account.Id, context.PrimaryEntityId, context.OperationCreatedOn);
        }
    }

    private static void Rescore(LocalPluginContext context, Microsoft.Xrm.Sdk.EntityReference account)
    {
        const string cause = "receivable change";
        try
        {
            // Through the Custom API: its main operation runs in a transaction of its own, where the rescoring holds the
            // account's lock from its reads to its write (this step has no transaction to hold it in).
            context.SystemService.Execute(RescoreAccountApi.AfterEvent(account.Id));
        }
        catch (FaultException<OrganizationServiceFault> failure) when (ScoringFailure.IsConfigurationFailure(failure.Detail?.Message ?? failure.Message))
        {
            // Each call of this step commits on its own, so the hold and the alert stay; the refusal makes the system job fail with the reason.
            var reason = failure.Detail?.Message ?? failure.Message;
            ScoringFailure.HoldAndAlert(context.SystemService, context.TracingService, account.Id, cause + " " + context.PrimaryEntityId, reason, context.OperationCreatedOn);
            throw new InvalidPluginExecutionException(reason, failure);
        }
    }
}
