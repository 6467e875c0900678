using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Only the integration worker or the credit flow marks an order as coming through a channel other than a sales rep
/// (<see cref="OrderChannelGuard"/>): a trusted channel may go over the limit. Pre-validation, before the order check
/// reads the channel; an existing order is moved into such a channel by SYSTEM only, the worker included (controls round 6).
/// Budget: 0; 2 (who SYSTEM is, whether the caller holds the Integration role) when a new order is given a channel other
/// than Sales rep; 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity) when an existing order would move into one.
/// </summary>
[PluginStep(Messages.Create, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, CreateStepId, Description = "Only the worker marks an order as a channel order.")]
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = SalesOrder.Fields.Channel, Description = "Only the worker marks an order as a channel order.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, OrderChannelGuard.ImageColumns)]
public sealed class OrderChannelGuardPlugin : PluginBase
{
    public const string CreateStepId = "9a2e6c14-7b35-4d08-8f91-e3c5a7b2d016";
    public const string UpdateStepId = "1c7f4e82-a6d9-4b3e-95c0-d8b2f1e7a417";
    public const string PreImageAlias = "PreImage";

    public OrderChannelGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.MessageName == Messages.Update ? context.GetPreImage(PreImageAlias) : null;
        OrderChannelGuard.Check(
            context.TargetEntity,
            before,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService)
                || IntegrationIdentity.IsIntegration(context.SystemService, context.UserId),
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
    }
}
