using BureauAlertRuleValidator = CreditOS.CreditEngine.Alerts.BureauAlertRuleValidator;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Refuses a bureau alert rule whose threshold is not one its criterion measures (a solvency of 150, a rating band 6),
/// with the allowed range, so a typo never silently stops (or floods) the alerts. Budget: 0 calls.
/// </summary>
[PluginStep(Messages.Create, BureauAlertRule.EntityLogicalName, PipelineStage.PreOperation, CreateStepId, Description = "Validates a new bureau alert rule.")]
[PluginStep(Messages.Update, BureauAlertRule.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId, Description = "Validates a changed bureau alert rule.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Columns)]
public sealed class BureauAlertRuleGuardPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7ab1a1";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7ab1a2";
    public const string PreImageAlias = "PreImage";
    public const string Columns =
        BureauAlertRule.Fields.Name + "," + BureauAlertRule.Fields.Criterion + "," + BureauAlertRule.Fields.CustomerGroup + "," + BureauAlertRule.Fields.Threshold + ","
        + BureauAlertRule.Fields.Severity;

    public BureauAlertRuleGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var row = ConfigurationGuards.Merge(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null);
        var name = row.GetAttributeValue<string>(BureauAlertRule.Fields.Name);
        if (row.GetAttributeValue<OptionSetValue>(BureauAlertRule.Fields.Criterion) is null)
        {
            throw new InvalidPluginExecutionException("The bureau alert rule '" + name + "' cannot be saved: choose the criterion it watches.");
        }

        if (!row.Contains(BureauAlertRule.Fields.Threshold) || row[BureauAlertRule.Fields.Threshold] is null)
        {
            throw new InvalidPluginExecutionException("The bureau alert rule '" + name + "' cannot be saved: give the threshold.");
        }

        if (BureauAlertRuleValidator.Problem(BureauAlertRuleRecords.ToRule(row)) is { } problem)
        {
            throw new InvalidPluginExecutionException("The bureau alert rule '" + name + "' cannot be saved: " + problem + ".");
        }
    }
}
