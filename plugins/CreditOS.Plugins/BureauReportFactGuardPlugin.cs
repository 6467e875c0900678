using CreditOS.Dataverse.Credit.Bureau;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// What a bureau report said never changes once recorded (<see cref="BureauReportFacts"/>): a redelivered upsert with
/// other content is refused with both values, the same content passes. On Create, a report is not dated after the day
/// it is recorded (plus the bureau clock skew, <see cref="BureauReportFacts.GuardDate"/>, engine
/// <c>BureauReportDates</c>): a future-dated report would outrank every genuine one once its date arrives; and a report on
/// an account whose credit application waits for the bureau confirms the applicant (controls round 17,
/// <see cref="ApplicantReportGate"/>). Pre-validation, synchronous. Budget: 0 calls on Update;
/// <see cref="ApplicantReportGate.Calls"/> on Create (none for a report filed on no account).
/// </summary>
[PluginStep(Messages.Create, BureauReport.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "A bureau report is not dated after the day it is recorded (one day of bureau clock skew); on an applicant's account it confirms the applicant.")]
[PluginStep(Messages.Update, BureauReport.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = BureauReportFacts.FactColumns, Description = "A recorded bureau report's facts are immutable.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, BureauReportFacts.ImageColumns)]
public sealed class BureauReportFactGuardPlugin : PluginBase
{
    public const string UpdateStepId = "9d4e7b30-2a61-4c8f-b5e2-7f0c3a9d1e48";
    public const string CreateStepId = "3b8e5f21-6c47-4d9a-a0e3-52d1c7f94b06";
    public const string PreImageAlias = "PreImage";

    public BureauReportFactGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.MessageName == Messages.Create)
        {
            BureauReportFacts.GuardDate(context.TargetEntity, context.OperationCreatedOn);
            ApplicantReportGate.Guard(context.SystemService, context.TargetEntity);
            return;
        }

        BureauReportFacts.Guard(context.TargetEntity, new RegisteredImage(context.GetPreImage(PreImageAlias), BureauReportFacts.ImageColumns));
    }
}
