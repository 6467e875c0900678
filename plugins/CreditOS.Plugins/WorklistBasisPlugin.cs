using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Drops nightly worklist figures computed from an older version of the invoice than the one being updated
/// (<see cref="WorklistBasis"/>): the row-version check UpdateMultiple does not apply, per row of the integration worker's bulk
/// write. Pre-operation (inside the row's transaction), synchronous, filtered on the basis column so no other write runs it.
/// Budget: 0.
/// </summary>
[PluginStep(Messages.Update, Receivable.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = Receivable.Fields.WorklistBasis, Description = "Drops nightly worklist figures computed from an older version of the invoice.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, WorklistBasis.ImageColumns)]
public sealed class WorklistBasisPlugin : PluginBase
{
    public const string UpdateStepId = "0d3f5b1e-7c2a-4e19-9b64-2a8f1c5e7d21";
    public const string PreImageAlias = "PreImage";

    public WorklistBasisPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        WorklistBasis.Keep(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null, context.TracingService);
}
