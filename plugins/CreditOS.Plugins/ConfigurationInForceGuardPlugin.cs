using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;
using Authority = CreditOS.Dataverse.Model.ApprovalAuthority;
using Cell = CreditOS.Dataverse.Model.TierMatrixCell;
using Policy = CreditOS.Dataverse.Model.CreditPolicy;
using Route = CreditOS.Dataverse.Model.ApprovalRouting;
using Tier = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins;

/// <summary>
/// Four-eyes on the configuration rows that are not versioned (controls round 14, <see cref="ConfigurationChanges"/>):
/// a person (not SYSTEM, not the Integration role's deployment identity) creates, changes (SetState included) or deletes
/// no credit policy, tier, tier matrix cell, approval route or approval authority row directly while
/// <c>cos_ConfigurationFourEyes</c> is on; they propose a <c>cos_configurationchange</c> that someone else applies, and
/// the application writes the row as SYSTEM. A save of only the owner or stamps is not a change. Pre-validation,
/// synchronous, so nothing is written; rank 2, after the segregation guards (an approver hears that she keeps no
/// configuration, not that she needs a second person). Budget: 0 for a save that changes nothing decided, and for SYSTEM once known; at most
/// <see cref="MaximumCalls"/> (who SYSTEM is, the setting, the Integration role).
/// </summary>
[PluginStep(Messages.Create, Policy.EntityLogicalName, PipelineStage.PreValidation, "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301401", Rank = 2, Description = Held)]
[PluginStep(Messages.Update, Policy.EntityLogicalName, PipelineStage.PreValidation, PolicyUpdateStepId, Rank = 2, Description = Held)]
[PluginImage(PolicyUpdateStepId, ImageType.PreImage, PreImageAlias, PolicyColumns)]
[PluginStep(Messages.Delete, Policy.EntityLogicalName, PipelineStage.PreValidation, PolicyDeleteStepId, Rank = 2, Description = Held)]
[PluginImage(PolicyDeleteStepId, ImageType.PreImage, PreImageAlias, Policy.Fields.Name)]
[PluginStep(Messages.Create, Tier.EntityLogicalName, PipelineStage.PreValidation, "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301411", Rank = 2, Description = Held)]
[PluginStep(Messages.Update, Tier.EntityLogicalName, PipelineStage.PreValidation, TierUpdateStepId, Rank = 2, Description = Held)]
[PluginImage(TierUpdateStepId, ImageType.PreImage, PreImageAlias, TierColumns)]
[PluginStep(Messages.Delete, Tier.EntityLogicalName, PipelineStage.PreValidation, TierDeleteStepId, Rank = 2, Description = Held)]
[PluginImage(TierDeleteStepId, ImageType.PreImage, PreImageAlias, Tier.Fields.Name)]
[PluginStep(Messages.Create, Cell.EntityLogicalName, PipelineStage.PreValidation, "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301421", Rank = 2, Description = Held)]
[PluginStep(Messages.Update, Cell.EntityLogicalName, PipelineStage.PreValidation, CellUpdateStepId, Rank = 2, Description = Held)]
[PluginImage(CellUpdateStepId, ImageType.PreImage, PreImageAlias, CellColumns)]
[PluginStep(Messages.Delete, Cell.EntityLogicalName, PipelineStage.PreValidation, CellDeleteStepId, Rank = 2, Description = Held)]
[PluginImage(CellDeleteStepId, ImageType.PreImage, PreImageAlias, Cell.Fields.Name)]
[PluginStep(Messages.Create, Route.EntityLogicalName, PipelineStage.PreValidation, "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301431", Rank = 2, Description = Held)]
[PluginStep(Messages.Update, Route.EntityLogicalName, PipelineStage.PreValidation, RouteUpdateStepId, Rank = 2, Description = Held)]
[PluginImage(RouteUpdateStepId, ImageType.PreImage, PreImageAlias, RouteColumns)]
[PluginStep(Messages.Delete, Route.EntityLogicalName, PipelineStage.PreValidation, RouteDeleteStepId, Rank = 2, Description = Held)]
[PluginImage(RouteDeleteStepId, ImageType.PreImage, PreImageAlias, Route.Fields.Name)]
[PluginStep(Messages.Create, Authority.EntityLogicalName, PipelineStage.PreValidation, "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301441", Rank = 2, Description = Held)]
[PluginStep(Messages.Update, Authority.EntityLogicalName, PipelineStage.PreValidation, AuthorityUpdateStepId, Rank = 2, Description = Held)]
[PluginImage(AuthorityUpdateStepId, ImageType.PreImage, PreImageAlias, AuthorityColumns)]
[PluginStep(Messages.Delete, Authority.EntityLogicalName, PipelineStage.PreValidation, AuthorityDeleteStepId, Rank = 2, Description = Held)]
[PluginImage(AuthorityDeleteStepId, ImageType.PreImage, PreImageAlias, Authority.Fields.Name)]
public sealed class ConfigurationInForceGuardPlugin : PluginBase
{
    public const string PolicyUpdateStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301402";
    public const string PolicyDeleteStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301403";
    public const string TierUpdateStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301412";
    public const string TierDeleteStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301413";
    public const string CellUpdateStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301422";
    public const string CellDeleteStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301423";
    public const string RouteUpdateStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301432";
    public const string RouteDeleteStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301433";
    public const string AuthorityUpdateStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301442";
    public const string AuthorityDeleteStepId = "c7d41e20-9a3b-4f0e-b6a1-5e8f2d301443";
    public const string PreImageAlias = "PreImage";

    /// <summary>Who SYSTEM is (once per organization) and whether four-eyes holds the caller (the setting, the Integration role).</summary>
    public const int MaximumCalls = 1 + RuleSetFourEyes.CallerCalls;

    private const string Held = "Credit configuration in force is changed only through a configuration change a second person applies (four-eyes).";

    // The columns a change may set (ConfigurationChanges), so the refusal names each from its value to the new one.
    private const string PolicyColumns = Policy.Fields.Name + "," + Policy.Fields.Code + "," + Policy.Fields.Description + "," + Policy.Fields.BaseLimit + ","
        + Policy.Fields.HardCap + "," + Policy.Fields.LimitIncreaseReviewAbove + "," + Policy.Fields.TrustedMaxOrderAmount + "," + Policy.Fields.TrustedMaxExcessOverLimit + ","
        + Policy.Fields.TrustedOverdueTolerance + "," + Policy.Fields.TrustedOverdueToleranceDays + "," + Policy.Fields.OverdueAlertAmount + "," + Policy.Fields.OverdueToleranceAmount + ","
        + Policy.Fields.OverdueTolerancePercent + "," + Policy.Fields.OverdueToleranceDays + "," + Policy.Fields.LimitHeadroom + "," + Policy.Fields.EarlyPaymentDiscount + ","
        + Policy.Fields.BlockAboveUtilization + "," + Policy.Fields.LimitCutReviewShare + "," + Policy.Fields.AlertThresholdWarning + "," + Policy.Fields.AlertThresholdCritical + ","
        + Policy.Fields.OrderToInvoiceDays + "," + Policy.Fields.PaymentTermsDays + "," + Policy.Fields.EarlyPaymentDays + "," + Policy.Fields.GraceDays + ","
        + Policy.Fields.RequiresApproval + "," + Policy.Fields.IsPrepay + "," + Policy.Fields.LimitStepDown + "," + Policy.Fields.TrustedChannel + ","
        + Policy.Fields.StateCode + "," + Policy.Fields.StatusCode;

    private const string TierColumns = Tier.Fields.Name + "," + Tier.Fields.Code + "," + Tier.Fields.Description + "," + Tier.Fields.Rank + "," + Tier.Fields.CreditPolicyId + ","
        + Tier.Fields.IsStarter + "," + Tier.Fields.StarterMinimumOrders + "," + Tier.Fields.StarterMinimumMonths + "," + Tier.Fields.StarterRequireBoth + ","
        + Tier.Fields.StateCode + "," + Tier.Fields.StatusCode;

    private const string CellColumns = Cell.Fields.Name + "," + Cell.Fields.ScoringRuleSetId + "," + Cell.Fields.ValueFrom + "," + Cell.Fields.ValueTo + ","
        + Cell.Fields.RiskFrom + "," + Cell.Fields.RiskTo + "," + Cell.Fields.CreditTierId + "," + Cell.Fields.StateCode + "," + Cell.Fields.StatusCode;

    private const string RouteColumns = Route.Fields.Name + "," + Route.Fields.CustomerGroup + "," + Route.Fields.QueueId + "," + Route.Fields.EscalationQueueId + ","
        + Route.Fields.CommentRequiredAbove + "," + Route.Fields.DueInHours + "," + Route.Fields.TemporaryLimitMaxDays + "," + Route.Fields.StateCode + "," + Route.Fields.StatusCode;

    private const string AuthorityColumns = Authority.Fields.Name + "," + Authority.Fields.TeamId + "," + Authority.Fields.UserId + "," + Authority.Fields.MaximumAmount + ","
        + Authority.Fields.StateCode + "," + Authority.Fields.StatusCode;

    public ConfigurationInForceGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.MessageName == Messages.Create ? null : context.GetPreImage(PreImageAlias);
        var target = context.MessageName == Messages.Delete ? null : context.TargetEntity;
        if (target is not null && !ConfigurationChanges.ChangesContent(target))
        {
            return;
        }

        if (!RuleSetFourEyes.Applies(() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService), context.SystemService, context.UserId))
        {
            return;
        }

        var name = target?.GetAttributeValue<string>(Policy.Fields.Name) ?? before?.GetAttributeValue<string>(Policy.Fields.Name);
        var change = context.MessageName == Messages.Create ? "create" : context.MessageName == Messages.Delete ? "delete" : "change";
        var figures = target is null ? "deleting it" : ConfigurationChanges.Figures(before, target);
        throw new InvalidPluginExecutionException(ConfigurationFourEyes.InPlaceRefusal(ConfigurationChanges.What(context.PrimaryEntityName, name), change, figures));
    }
}
