using CreditOS.CreditEngine;
using DunningTemplate = CreditOS.CreditEngine.Collections.Dunning.DunningTemplate;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Saving a dunning step (cos_dunningstep Create or Update of its templates): refuses a subject or body template with a
/// placeholder creditOS does not fill, or one left unclosed, naming it, so the daily batch never meets a letter it
/// cannot write. Pre-operation, no call.
/// </summary>
[PluginStep(Messages.Create, DunningStep.EntityLogicalName, PipelineStage.PreOperation, CreateStepId, Description = "Checks a dunning step's templates.")]
[PluginStep(Messages.Update, DunningStep.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId, FilteringAttributes = DunningStep.Fields.SubjectTemplate + "," + DunningStep.Fields.BodyTemplate, Description = "Checks a dunning step's changed templates.")]
public sealed class DunningStepPlugin : PluginBase
{
    public const string CreateStepId = "3f0c9a41-58d2-5b7e-9c1a-7d2e4b6a0c11";
    public const string UpdateStepId = "8a4d1e27-0b63-5f98-a2c4-1e7f3d9b5a22";

    public DunningStepPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var step = context.TargetEntity;
        var name = step.GetAttributeValue<string>(DunningStep.Fields.Name) ?? "the dunning step";
        try
        {
            if (step.Contains(DunningStep.Fields.SubjectTemplate))
            {
                DunningTemplate.Validate(step.GetAttributeValue<string>(DunningStep.Fields.SubjectTemplate), "The subject template of " + name);
            }

            if (step.Contains(DunningStep.Fields.BodyTemplate))
            {
                DunningTemplate.Validate(step.GetAttributeValue<string>(DunningStep.Fields.BodyTemplate), "The body template of " + name);
            }
        }
        catch (CreditInputException invalid)
        {
            throw new Microsoft.Xrm.Sdk.InvalidPluginExecutionException(invalid.Message, invalid);
        }
    }
}
