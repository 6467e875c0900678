using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;

namespace CreditOS.Plugins;

/// <summary>
/// Four-eyes on the scoring rule sets (controls round 13, <see cref="RuleSetFourEyes"/>): someone who made no part of a
/// version activates it, and nobody edits the version in force or its rules in place. A new rule set row is created
/// active (its statecode is not valid for create) but without rules it is in force nowhere (the reader joins rules to
/// their set), and no rule can be added to it until it is deactivated, so its Create only starts the list of who wrote
/// it (controls round 23: <c>cos_contentby</c> on the version and on each rule, written by this guard alone, so whoever
/// wrote any of a version's content is a maker even when someone else saved it after him).
/// Pre-validation, synchronous, so nothing is written. Budget: 0 for the credit flow's saves once SYSTEM is known and for
/// a change to an inactive version's own row; at most <see cref="RuleSetFourEyes.MaximumCalls"/> otherwise.
/// </summary>
[PluginStep(Messages.Create, RuleSetTable.EntityLogicalName, PipelineStage.PreValidation, RuleSetCreateStepId,
    Description = "Records who entered the rule set version's settings; a value the caller puts in cos_contentby is dropped (four-eyes).")]
[PluginStep(Messages.Update, RuleSetTable.EntityLogicalName, PipelineStage.PreValidation, RuleSetUpdateStepId,
    Description = "A rule set version in force is not changed in place, and is activated by someone who made no part of it (four-eyes).")]
[PluginImage(RuleSetUpdateStepId, ImageType.PreImage, PreImageAlias, ImageColumns)]
[PluginStep(Messages.Delete, RuleSetTable.EntityLogicalName, PipelineStage.PreValidation, RuleSetDeleteStepId,
    Description = "A rule set version in force is not deleted by a person (four-eyes).")]
[PluginImage(RuleSetDeleteStepId, ImageType.PreImage, PreImageAlias, ImageColumns)]
[PluginStep(Messages.Create, RuleTable.EntityLogicalName, PipelineStage.PreValidation, RuleCreateStepId,
    Description = "No rule is added to the rule set version in force (four-eyes).")]
[PluginStep(Messages.Update, RuleTable.EntityLogicalName, PipelineStage.PreValidation, RuleUpdateStepId,
    Description = "No rule of the rule set version in force is changed, nor moved into or out of it (four-eyes).")]
[PluginImage(RuleUpdateStepId, ImageType.PreImage, PreImageAlias, RuleTable.Fields.ScoringRuleSetId + "," + RuleTable.Fields.Name + "," + RuleTable.Fields.CreatedBy + "," + RuleTable.Fields.ContentBy)]
[PluginStep(Messages.Delete, RuleTable.EntityLogicalName, PipelineStage.PreValidation, RuleDeleteStepId,
    Description = "No rule of the rule set version in force is deleted (four-eyes).")]
[PluginImage(RuleDeleteStepId, ImageType.PreImage, PreImageAlias, RuleTable.Fields.ScoringRuleSetId + "," + RuleTable.Fields.Name + "," + RuleTable.Fields.CreatedBy + "," + RuleTable.Fields.ContentBy)]
public sealed class RuleSetFourEyesGuardPlugin : PluginBase
{
    public const string RuleSetCreateStepId = "5e0d7c3a-8b41-4f6e-9a27-c3d18e40b523";
    public const string RuleSetUpdateStepId = "9c52598b-1038-4c37-b780-d2057e752122";
    public const string RuleSetDeleteStepId = "c9895029-0e70-409f-9c79-1e36c75ce050";
    public const string RuleCreateStepId = "aab92e63-a0a6-428c-8cb2-6c1d1636bac6";
    public const string RuleUpdateStepId = "d45aef58-e401-4952-8843-4a52df2c2444";
    public const string RuleDeleteStepId = "1a9869e9-2d76-4fba-973a-7dc2bd7fe311";
    public const string PreImageAlias = "PreImage";

    private const string ImageColumns = RuleSetTable.Fields.Name + "," + RuleSetTable.Fields.Version + "," + RuleSetTable.Fields.StateCode + ","
        + RuleSetTable.Fields.CreatedBy + "," + RuleSetTable.Fields.CreatedOn + "," + RuleSetTable.Fields.ModifiedBy + "," + RuleSetTable.Fields.ContentBy;

    public RuleSetFourEyesGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        bool Held() => RuleSetFourEyes.Applies(
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService), context.SystemService, context.UserId);

        if (context.PrimaryEntityName == RuleSetTable.EntityLogicalName)
        {
            GuardRuleSet(context, Held);
        }
        else
        {
            GuardRule(context, Held);
        }
    }

    private static void GuardRuleSet(LocalPluginContext context, Func<bool> held)
    {
        if (context.MessageName == Messages.Create)
        {
            // Controls round 23: the list of who wrote the version starts with who enters it, whatever the save carries.
            RuleSetFourEyes.RecordSettingsWriter(context.TargetEntity, null, context.UserId);
            return;
        }

        var before = context.GetPreImage(PreImageAlias);
        if (context.MessageName == Messages.Delete)
        {
            if (RuleSetFourEyes.IsActive(before) && held() && RuleSetFourEyes.HasRules(context.SystemService, before.Id))
            {
                RuleSetFourEyes.RefuseInForce(before, "it", "delete");
            }

            return;
        }

        var target = context.TargetEntity;
        var activates = target.Contains(RuleSetTable.Fields.StateCode) && RuleSetFourEyes.IsActive(target) && !RuleSetFourEyes.IsActive(before);
        var changesContent = RuleSetFourEyes.ChangesContent(target);

        // Controls round 23 (session 30): who wrote the settings, whoever saves after him (no call).
        RuleSetFourEyes.RecordSettingsWriter(target, before, context.UserId);
        if (activates)
        {
            if (held())
            {
                RuleSetFourEyes.EnsureActivator(context.SystemService, before, context.UserId, changesContent);
            }
        }
        else if (changesContent && RuleSetFourEyes.IsActive(before) && held() && RuleSetFourEyes.HasRules(context.SystemService, before.Id))
        {
            RuleSetFourEyes.RefuseInForce(before, "its settings", "change");
        }
    }

    private static void GuardRule(LocalPluginContext context, Func<bool> held)
    {
        var sets = new List<Guid>();
        string? name = null;
        EntityReference? to = null;
        EntityReference? from = null;
        EntityReference? enteredBy = null;
        string? writers = null;
        if (context.MessageName != Messages.Delete && context.TargetEntity.Contains(RuleTable.Fields.ScoringRuleSetId))
        {
            to = context.TargetEntity.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId);
            if (to is not null)
            {
                sets.Add(to.Id);
            }

            name = context.TargetEntity.GetAttributeValue<string>(RuleTable.Fields.Name);
        }

        if (context.MessageName != Messages.Delete)
        {
            // Controls round 23 (session 30): who wrote the rule, whoever saves it after him (no call).
            RuleSetFourEyes.RecordRuleWriter(context.TargetEntity, context.MessageName == Messages.Create ? null : context.GetPreImage(PreImageAlias), context.UserId);
        }

        if (context.MessageName != Messages.Create)
        {
            var before = context.GetPreImage(PreImageAlias);
            name ??= before.GetAttributeValue<string>(RuleTable.Fields.Name);
            enteredBy = before.GetAttributeValue<EntityReference>(RuleTable.Fields.CreatedBy);
            writers = before.GetAttributeValue<string>(RuleTable.Fields.ContentBy);
            from = before.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId);
            if (from is not null)
            {
                sets.Add(from.Id);
            }
        }

        // Who SYSTEM is comes first (no call once known), so the credit flow's seed pays nothing for the rule sets' state.
        if (sets.Count == 0 || CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            return;
        }

        var named = RuleSetFourEyes.RuleSetsAmong(context.SystemService, sets);
        var what = "scoring rule '" + (name ?? context.PrimaryEntityId.ToString()) + "'";
        if (named.FirstOrDefault(RuleSetFourEyes.IsActive) is { } inForce && held())
        {
            var change = context.MessageName == Messages.Create ? "add" : context.MessageName == Messages.Delete ? "delete" : "change";
            RuleSetFourEyes.RefuseInForce(inForce, what, change);
        }

        // Controls round 22 (session 29): out of a proposed version, by deletion or a move, only by who entered it or the rule;
        // controls round 24 (session 31): and only when nobody else wrote the rule.
        var takesOut = context.MessageName == Messages.Delete
            || (context.MessageName == Messages.Update && context.TargetEntity.Contains(RuleTable.Fields.ScoringRuleSetId) && to?.Id != from?.Id);
        if (takesOut && from is not null && named.FirstOrDefault(set => set.Id == from.Id && !RuleSetFourEyes.IsActive(set)) is { } proposal && held())
        {
            RuleSetFourEyes.EnsureRemover(proposal, enteredBy, writers, context.UserId, what, context.MessageName == Messages.Delete ? "delete" : "move");
        }
    }
}
