using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Rescoring on request: the main operation of the bound Custom API cos_RescoreAccount (the account form's Rescore
/// command, and the worker's scheduled batch with Trigger = scheduled). Rescores the account, records history with the
/// caller's trigger when the picture changed, releases holds the new picture cures and returns the new scores and
/// reasons, each only when the caller may read it (<see cref="RescoreCallers"/>). Budget: <see cref="AccountRescoring.MaximumCalls"/>
/// + 2 + <see cref="RescoreCallers.ReadCalls"/> + one update per released order (+ <see cref="RescoreCallers.TriggerCalls"/>
/// for a scheduled or event trigger, which only the credit flow and the integration worker may ask for); with Trigger =
/// otherwise the event-time condition monitor (<see cref="EventConditionMonitor.MaximumReadCalls"/>, only when the
/// rescoring recorded a worse tier or a higher Risk score, + one create per action item); with Trigger = scheduled (the
/// daily batch) also <see cref="CollectionsDailyRun"/> (7 reads with the material worklist change, the follow-up's
/// <see cref="CollectionsFollowUp.MaximumReadCalls"/> at most, + one write per changed row, action item and letter).
/// </summary>
[CustomApi(RescoreAccountApi.UniqueName, BoundEntity = Account.EntityLogicalName, Description = "Rescores the customer now and returns the new scores and reasons.")]
[CustomApiRequestParameter(RescoreAccountApi.Request.Trigger, CustomApiFieldType.Picklist, IsOptional = true)]
[CustomApiResponseProperty(RescoreAccountApi.Response.ValueScore, CustomApiFieldType.Decimal)]
[CustomApiResponseProperty(RescoreAccountApi.Response.RiskScore, CustomApiFieldType.Decimal)]
[CustomApiResponseProperty(RescoreAccountApi.Response.RiskLevel, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountApi.Response.Tier, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountApi.Response.CreditLimit, CustomApiFieldType.Money)]
[CustomApiResponseProperty(RescoreAccountApi.Response.IsSuspended, CustomApiFieldType.Boolean)]
[CustomApiResponseProperty(RescoreAccountApi.Response.Reasons, CustomApiFieldType.String)]
[CustomApiResponseProperty(RescoreAccountApi.Response.Changed, CustomApiFieldType.Boolean)]
public sealed class RescoreAccountPlugin : PluginBase
{
    public RescoreAccountPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var accountId = context.TargetReference.Id;
        var trigger = RescoreAccountApi.TriggerOf(context.GetInputParameter<Microsoft.Xrm.Sdk.OptionSetValue>(RescoreAccountApi.Request.Trigger));
        // Controls round 9: scheduled (the nightly batch's collections work) and event are the system's triggers;
        // a person asks on demand (RescoreCallers.TriggerCalls, none on demand).
        RescoreCallers.EnsureMayAskFor(trigger, context.PluginExecutionContext, context.SystemService, accountId);
        var detail = RescoreAccountApi.DetailOf(trigger);
        var result = AccountRescoring.Rescore(context.SystemService, context.TracingService, accountId, trigger, detail, context.OperationCreatedOn, context.PluginExecutionContext.IsInTransaction);
        HoldRelease.ReleaseCuredHolds(context.SystemService, context.TracingService, result, accountId, "a rescoring (" + detail + ")", context.OperationCreatedOn);
        if (trigger == ScoreTrigger.Scheduled)
        {
            // The daily batch: collector assignment, promises whose date passed, the worklist figures.
            CollectionsDailyRun.Run(context.SystemService, context.TracingService, accountId, context.OperationCreatedOn, result.WorklistMateriality);
        }
        else
        {
            // On demand or after an event: tier downgrade and Risk score above now, not at the next batch.
            EventConditionMonitor.AfterRescoring(context.SystemService, context.TracingService, result, context.OperationCreatedOn);
        }

        // Controls round 8: the answer is what the caller may read (their access fault for a customer they cannot open,
        // rolling the rescoring back; no secured figure their field security withholds). One call.
        RescoreAccountResponse.Write(context, result, RescoreCallers.ReadAsCaller(context.UserService, accountId));
    }
}
