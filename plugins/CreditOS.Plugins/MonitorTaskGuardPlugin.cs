using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Plugins;

/// <summary>
/// Controls round 24 (session 31): only the credit flow writes a task's condition-monitor occurrence (its key and when it
/// ended; <see cref="MonitorOccurrenceColumns"/>), so the task's owner cannot pre-empt an occurrence the monitor has not
/// raised yet. Pre-validation, synchronous, so nothing is written. Budget: 0 when neither column changes; at most 1 (who
/// SYSTEM is, once per organization: CreditFlowIdentity).
/// </summary>
[PluginStep(Messages.Create, TaskTable.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the credit flow records a condition monitor occurrence on a task.")]
[PluginStep(Messages.Update, TaskTable.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = MonitorOccurrenceColumns.Columns, Description = "Only the credit flow changes a task's condition monitor occurrence.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, TaskTable.Fields.Subject + "," + MonitorOccurrenceColumns.Columns)]
public sealed class MonitorTaskGuardPlugin : PluginBase
{
    public const string CreateStepId = "887d264a-67ae-4a10-9c0a-c367c1522217";
    public const string UpdateStepId = "10967f0b-4463-475f-a6cb-06db1961bb9f";
    public const string PreImageAlias = "PreImage";

    public MonitorTaskGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        MonitorOccurrenceColumns.Check(
            context.TargetEntity,
            context.TryGetPreImage(PreImageAlias, out var before) ? before : null,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
