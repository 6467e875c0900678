using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Plugins;

/// <summary>
/// Refuses a credit policy that the engine's policy validator rejects (pre-operation create and update, synchronous),
/// and its deactivation while an active tier grants it. Budget: 0 calls; 1 when the policy is deactivated.
/// </summary>
[PluginStep(Messages.Create, PolicyTable.EntityLogicalName, PipelineStage.PreOperation, CreateStepId, Description = "Validates a new credit policy.")]
[PluginStep(Messages.Update, PolicyTable.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId, Description = "Validates a changed credit policy.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Columns)]
public sealed class CreditPolicyGuardPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6001";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6002";
    public const string PreImageAlias = "PreImage";
    public const string Columns =
        PolicyTable.Fields.Code + "," + PolicyTable.Fields.Name + "," + PolicyTable.Fields.BaseLimit + "," + PolicyTable.Fields.LimitHeadroom + "," + PolicyTable.Fields.OrderToInvoiceDays + ","
        + PolicyTable.Fields.HardCap + "," + PolicyTable.Fields.PaymentTermsDays + "," + PolicyTable.Fields.EarlyPaymentDiscount + ","
        + PolicyTable.Fields.EarlyPaymentDays + "," + PolicyTable.Fields.GraceDays + "," + PolicyTable.Fields.RequiresApproval + ","
        + PolicyTable.Fields.BlockAboveUtilization + "," + PolicyTable.Fields.IsPrepay + "," + PolicyTable.Fields.AlertThresholdWarning + ","
        + PolicyTable.Fields.AlertThresholdCritical + "," + PolicyTable.Fields.OverdueAlertAmount + "," + PolicyTable.Fields.LimitCutReviewShare + ","
        + PolicyTable.Fields.LimitStepDown + "," + PolicyTable.Fields.LimitIncreaseReviewAbove + "," + PolicyTable.Fields.OverdueToleranceAmount + ","
        + PolicyTable.Fields.OverdueTolerancePercent + "," + PolicyTable.Fields.OverdueToleranceDays;

    public CreditPolicyGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var row = ConfigurationGuards.Merge(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null);
        ConfigurationGuards.GuardPolicy(row);
        if (context.MessageName == Messages.Update)
        {
            ConfigurationGuards.GuardPolicyDeactivation(context.SystemService, context.TargetEntity, context.PrimaryEntityId, row.GetAttributeValue<string>(PolicyTable.Fields.Name));
        }
    }
}
