using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// An order's lines never order more than the amount the credit check decided (<see cref="OrderLineGuard"/>): a line
/// added or raised beyond it is refused until the order's amount is raised and checked again. Pre-validation,
/// synchronous. Budget: 0 when the line orders no more than before; 1 (the order with its lines); +1 (who SYSTEM is, at most once per organization: CreditFlowIdentity)
/// when it would be refused. A credit line (ordering less than nothing) deleted or moved to another order raises what its order
/// bills and is measured the same (+1: that order), unless its order is being deleted; at most <see cref="OrderLineGuard.MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Create, SalesOrderDetail.EntityLogicalName, PipelineStage.PreValidation, CreateStepId, Description = "A new line may not take a checked order beyond its checked amount.")]
[PluginStep(Messages.Update, SalesOrderDetail.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId, Description = "A changed line may not take a checked order beyond its checked amount.")]
[PluginStep(Messages.Delete, SalesOrderDetail.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId, Description = "A credit line may not leave a checked order so it bills beyond its checked amount.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, OrderLineGuard.ImageColumns)]
[PluginImage(DeleteStepId, ImageType.PreImage, PreImageAlias, OrderLineGuard.ImageColumns)]
public sealed class OrderLineGuardPlugin : PluginBase
{
    public const string CreateStepId = "4f7a2c91-0d3e-4b58-a6f1-8e2d9c5b7a14";
    public const string UpdateStepId = "c8e13b57-92a4-4d6f-b1e0-5a7f3d2c9b15";
    public const string DeleteStepId = "f0f4f55b-b374-4a92-b691-8e92fbcbb53a";
    public const string PreImageAlias = "PreImage";

    public OrderLineGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.MessageName == Messages.Delete)
        {
            // The order's own deletion takes its lines with it (order_details cascades): nothing is left to bill.
            if (context.PluginExecutionContext.ParentContext is { MessageName: Messages.Delete, PrimaryEntityName: SalesOrder.EntityLogicalName })
            {
                return;
            }

            OrderLineGuard.CheckRemoval(context.SystemService, context.GetPreImage(PreImageAlias), IsCreditFlow);
            return;
        }

        var before = context.MessageName == Messages.Update ? context.GetPreImage(PreImageAlias) : null;
        var line = new Entity(SalesOrderDetail.EntityLogicalName, context.TargetEntity.Id);
        if (before is not null)
        {
            foreach (var column in before.Attributes)
            {
                line[column.Key] = column.Value;
            }
        }

        foreach (var column in context.TargetEntity.Attributes)
        {
            line[column.Key] = column.Value;
        }

        OrderLineGuard.Check(context.SystemService, line, before, IsCreditFlow);

        bool IsCreditFlow() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService);
    }
}
