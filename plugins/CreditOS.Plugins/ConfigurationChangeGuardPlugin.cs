using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;
using Change = CreditOS.Dataverse.Model.ConfigurationChange;

namespace CreditOS.Plugins;

/// <summary>
/// A proposed configuration change (controls round 14, <see cref="ConfigurationChangeGuard"/>): readable as the row it
/// sets when entered or edited, proposed and applied only by people who keep the configuration, applied by someone who
/// made no part of it (four-eyes), and never changed, reopened or deleted once applied. Pre-validation, synchronous, so
/// nothing is written. Budget: 0 on the withdrawal of a proposed change; at most <see cref="ConfigurationChangeGuard.MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Create, Change.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "A configuration change names a configuration row, columns a change may set and values of their type; proposed by someone who decides no approvals.")]
[PluginStep(Messages.Update, Change.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    Description = "A configuration change is applied by someone who made no part of it (four-eyes); an applied change is never changed.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ImageColumns)]
[PluginStep(Messages.Delete, Change.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId,
    Description = "An applied configuration change is never deleted.")]
[PluginImage(DeleteStepId, ImageType.PreImage, PreImageAlias, ImageColumns)]
public sealed class ConfigurationChangeGuardPlugin : PluginBase
{
    public const string CreateStepId = "b1f0c7a4-5d2e-4e51-8c63-2a9d4e7f1c01";
    public const string UpdateStepId = "b1f0c7a4-5d2e-4e51-8c63-2a9d4e7f1c02";
    public const string DeleteStepId = "b1f0c7a4-5d2e-4e51-8c63-2a9d4e7f1c03";
    public const string PreImageAlias = "PreImage";

    /// <summary>What the change is and who made it (the platform's stamps).</summary>
    public const string ImageColumns = Change.Fields.Name + "," + Change.Fields.ConfigurationTable + "," + Change.Fields.ConfigurationRowId + ","
        + Change.Fields.Changes + "," + Change.Fields.DeleteRow + "," + Change.Fields.Basis + "," + Change.Fields.ContentBy + "," + Change.Fields.StateCode + "," + Change.Fields.CreatedBy + "," + Change.Fields.CreatedOn + "," + Change.Fields.ModifiedBy;

    public ConfigurationChangeGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ConfigurationChangeGuard.Ensure(
            context.SystemService,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService),
            context.UserId,
            context.MessageName == Messages.Delete ? null : context.TargetEntity,
            context.MessageName == Messages.Create ? null : context.GetPreImage(PreImageAlias));
}
