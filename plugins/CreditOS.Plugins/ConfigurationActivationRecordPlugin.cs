using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins;

/// <summary>
/// Records every rule set version put in force or taken out of it as an immutable <c>cos_configurationactivation</c>
/// row (controls round 13, <see cref="ConfigurationActivationRecords"/>): on an Update that changes its state (SetState
/// included) of a version that has rules. A new row is created active but holds no rules until it is deactivated and
/// filled, so neither its creation nor that first deactivation put anything in or out of force, and neither is recorded. Post-operation, synchronous: in the save's transaction, so a refused activation leaves
/// no record. Since controls round 24 (session 31) the record names everyone who wrote the version and its rules
/// (<c>cos_contentby</c>), read with the rules' query the record already made. Budget: 0 when the state does not change; at most <see cref="MaximumCalls"/> otherwise.
/// </summary>
[PluginStep(Messages.Update, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    FilteringAttributes = RuleSetTable.Fields.StateCode, Description = "A rule set version activated or deactivated is recorded (who proposed, who activated, when).")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ImageColumns)]
[PluginImage(UpdateStepId, ImageType.PostImage, PostImageAlias, ImageColumns)]
public sealed class ConfigurationActivationRecordPlugin : PluginBase
{
    public const string UpdateStepId = "59ce64e5-acee-48c9-ac3f-a0f49083c748";
    public const string PreImageAlias = "PreImage";
    public const string PostImageAlias = "PostImage";

    /// <summary>Whether the version has rules, who SYSTEM is (once per organization), whether four-eyes held the actor, the record.</summary>
    public const int MaximumCalls = 1 + 1 + RuleSetFourEyes.CallerCalls + ConfigurationActivationRecords.Calls;

    private const string ImageColumns = RuleSetTable.Fields.Name + "," + RuleSetTable.Fields.Version + "," + RuleSetTable.Fields.StateCode + ","
        + RuleSetTable.Fields.CreatedBy + "," + RuleSetTable.Fields.CreatedOn + "," + RuleSetTable.Fields.ModifiedBy + "," + RuleSetTable.Fields.ContentBy;

    public ConfigurationActivationRecordPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var after = context.GetPostImage(PostImageAlias);
        var before = context.GetPreImage(PreImageAlias);
        if (RuleSetFourEyes.IsActive(before) == RuleSetFourEyes.IsActive(after))
        {
            return;
        }

        // A new version is created active and deactivated before its rules are entered: an empty set was never in force.
        // The same query reads who wrote each rule, for the record (controls round 24: no call added).
        var ruleWriters = RuleSetFourEyes.RuleWritersOf(context.SystemService, after.Id);
        if (ruleWriters.Count == 0)
        {
            return;
        }

        var fourEyes = RuleSetFourEyes.Applies(
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService), context.SystemService, context.UserId);
        ConfigurationActivationRecords.Record(
            context.SystemService, before, after, ContentWriters.Union([before.GetAttributeValue<string>(RuleSetTable.Fields.ContentBy), .. ruleWriters]), context.UserId, context.OperationCreatedOn, fourEyes);
    }
}
