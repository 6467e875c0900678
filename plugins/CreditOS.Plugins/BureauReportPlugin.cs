using CreditOS.Dataverse.Credit.Bureau;
using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Bureau report created (cos_bureaureport Create, post-operation, synchronous): records the bureau events it answers
/// as the account's change history (<see cref="BureauChangeRecorder"/>), then rescores the customer with the new
/// report, so a judgment, a privilege, a fraud flag or a deterioration past the engine's rules suspends new orders in
/// the same transaction that stores the report, before any further order can be saved; then raises the credit alerts
/// the administrators' bureau alert rules call for (<see cref="BureauAlertRaiser"/>). Budget:
/// <see cref="AccountRescoring.MaximumCalls"/> + one create per bureau event + <see cref="BureauComparison.Calls"/>
/// + <see cref="BureauAlertRaiser.Calls"/> + one create per alert + the event-time condition monitor's
/// <see cref="EventConditionMonitor.MaximumReadCalls"/> (only when the report recorded a deterioration, a worse tier or a
/// higher Risk score) + one create per action item.
/// </summary>
[PluginStep(Messages.Create, BureauReport.EntityLogicalName, PipelineStage.PostOperation, CreateStepId,
    Description = "Rescores the customer when a bureau report arrives; judgments suspend at once; bureau alert rules raise alerts.")]
public sealed class BureauReportPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a4001";

    public BureauReportPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        // Controls round 17 (session 24): a credit application's report whose registered name is not the applicant's is
        // filed on no account (ApplicantReportGate): it scores no customer, records no change and raises no alert (0 calls).
        if (context.TargetEntity.GetAttributeValue<EntityReference>(BureauReport.Fields.AccountId) is not { } account)
        {
            context.Trace("Bureau report {0} is filed on no account (an application's unconfirmed identity): nothing rescored", context.PrimaryEntityId);
            return;
        }

        var ours = BureauComparison.ReadAccount(context.SystemService, account.Id);
        var changes = BureauChangeRecorder.Record(context.SystemService, context.TargetEntity, context.PrimaryEntityId, account, out var deteriorations);
        context.Trace("{0} bureau change(s) recorded for account {1}", changes, account.Id);
        var result = AccountRescoring.Rescore(context.SystemService, context.TracingService, account.Id, ScoreTrigger.Event, "bureau report", context.OperationCreatedOn, context.PluginExecutionContext.IsInTransaction);
        BureauComparison.Record(context.SystemService, context.TargetEntity, context.PrimaryEntityId, ours);
        var alerts = BureauAlertRaiser.Raise(context.SystemService, account, context.TargetEntity, context.PrimaryEntityId, ours, result, context.OperationCreatedOn);
        context.Trace("{0} bureau alert(s) raised for account {1}", alerts, account.Id);
        // Tier downgrade, Risk score above and bureau deterioration at the report that caused them (keyed as the daily batch keys them).
        EventConditionMonitor.AfterRescoring(context.SystemService, context.TracingService, result, context.OperationCreatedOn, deteriorations);
        if (result.Assessment.Suspension.IsSuspended)
        {
            context.Trace("Account {0} suspended: {1}", account.Id, result.Assessment.Suspension.Message);
        }
    }
}
