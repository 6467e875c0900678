using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// A collector set by hand sticks, and only whoever runs collections sets it (<see cref="CollectorAssigners"/>: a credit
/// manager or the Credit Administrator; controls round 6), and names an enabled user with the Collector role
/// (<see cref="CollectorCandidates"/>; round 7). Pre-operation (account Update of <c>cos_collectorid</c>): when a person (not the
/// credit flow, told apart by identity: one WhoAmI) sets the collector, records who and when in
/// <c>cos_collectorsetby</c> / <c>cos_collectorseton</c>, which the assignment rules then leave alone; clearing the
/// collector clears who set it, so the rules assign one again. Post-operation, asynchronous: the account's open
/// receivables carry the new collector (what the worklist filters on) through the collections refresh.
/// On Create (controls round 12) the same checks and stamp hold for a collector named on a new account; none named: 0 calls.
/// Budget: 1 before, + <see cref="CollectorAssigners.MaximumCalls"/> + <see cref="CollectorCandidates.MaximumCalls"/> when a person changes the collector; after, the refresh (settings, account, 2 reads, one write per changed receivable).
/// </summary>
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PreOperation, PreStepId,
    FilteringAttributes = Account.Fields.CollectorId, Description = "Records who assigned an account's collector by hand.")]
[PluginStep(Messages.Create, Account.EntityLogicalName, PipelineStage.PreOperation, CreateStepId,
    Description = "A collector named on a new account is named by whoever runs collections, as on an existing one.")]
[PluginImage(PreStepId, ImageType.PreImage, PreImageAlias, CollectorAssigners.ImageColumns)]
[PluginStep(Messages.Update, Account.EntityLogicalName, PipelineStage.PostOperation, PostStepId,
    Mode = ExecutionMode.Asynchronous, FilteringAttributes = Account.Fields.CollectorId, Description = "Puts the account's new collector on its open receivables' worklist.")]
public sealed class CollectorAssignmentPlugin : PluginBase
{
    public const string PreStepId = "38644759-f36f-525e-9ba3-01fef9f2238b";
    public const string PostStepId = "b18495d9-c1c5-5687-9955-84ac89cb5375";
    public const string CreateStepId = "5d0e7c2a-9b41-4f36-8a17-c3e2b6f4d912";
    public const string PreImageAlias = "PreImage";

    public CollectorAssignmentPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var target = context.TargetEntity;
        if (context.Stage == PipelineStage.PostOperation)
        {
            var settings = CollectionsSettings.Read(context.SystemService);
            var account = context.SystemService.Retrieve(Account.EntityLogicalName, context.PrimaryEntityId, new Microsoft.Xrm.Sdk.Query.ColumnSet(Account.Fields.CollectorId, Account.Fields.NextPromiseDate));
            CollectionsRefresh.Refresh(
                context.SystemService,
                context.TracingService,
                context.PrimaryEntityId,
                account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id,
                account.GetAttributeValue<DateTime?>(Account.Fields.NextPromiseDate),
                context.OperationCreatedOn,
                settings.Model,
                // The collector changed: an event, so every change of the figures is written with it.
                CreditOS.CreditEngine.Collections.WorklistMateriality.EveryChange);
            return;
        }

        // Controls round 12: a new account names its collector under the same rules (the rep who creates it is no more a
        // collections manager than when he edits it); a new account without one costs nothing.
        if (context.MessageName == Messages.Create && target.GetAttributeValue<EntityReference>(Account.Fields.CollectorId) is null)
        {
            return;
        }

        if (CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            return;
        }

        // Round 6: only whoever runs collections sets it by hand (a rep or the worker could take an overdue customer off the worklists).
        CollectorAssigners.Check(target, context.TryGetPreImage(PreImageAlias, out var before) ? before : null, () => CollectorAssigners.MayAssign(context.SystemService, context.UserId));
        // Round 7: and whoever is named works a worklist (an enabled user with the Collector role).
        CollectorCandidates.Check(context.SystemService, target, before);

        var collector = target.GetAttributeValue<EntityReference>(Account.Fields.CollectorId);
        target[Account.Fields.CollectorSetBy] = collector is null ? null : new EntityReference(SystemUser.EntityLogicalName, context.InitiatingUserId);
        target[Account.Fields.CollectorSetOn] = context.OperationCreatedOn;
        context.Trace("Collector of account {0} set by hand to {1} by {2}.", context.PrimaryEntityId, collector?.Id.ToString() ?? "nobody", context.InitiatingUserId);
    }
}
