using CreditOS.Dataverse.Credit.Bureau;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// What a bureau report said never changes once recorded (<see cref="BureauReportFacts"/>): a redelivered upsert with
/// other content is refused with both values, the same content passes. Pre-validation, synchronous. Budget: 0 calls.
/// </summary>
[PluginStep(Messages.Update, BureauReport.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = BureauReportFacts.FactColumns, Description = "A recorded bureau report's facts are immutable.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, BureauReportFacts.ImageColumns)]
public sealed class BureauReportFactGuardPlugin : PluginBase
{
    public const string UpdateStepId = "9d4e7b30-2a61-4c8f-b5e2-7f0c3a9d1e48";
    public const string PreImageAlias = "PreImage";

    public BureauReportFactGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        BureauReportFacts.Guard(context.TargetEntity, new RegisteredImage(context.GetPreImage(PreImageAlias), BureauReportFacts.ImageColumns));
}
