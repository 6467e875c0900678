using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// An order's freight, tax and discount may not make it bill more than the amount the credit check decided
/// (<see cref="OrderHeaderGuard"/>) unless the amount is saved with them, raised by what they add, and checked again;
/// its amount is not lowered below what its lines order; a lowered discount percentage is measured against the lines
/// themselves, not the writable <c>totallineitemamount</c>. Pre-validation, synchronous. Budget: 0; +1 (the order's lines,
/// read once) when its amount or discount percentage is lowered; +1 (who SYSTEM is, at most once per organization:
/// CreditFlowIdentity) when it would be refused; at most <see cref="OrderHeaderGuard.MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, StepId,
    FilteringAttributes = OrderHeaderGuard.FilteringColumns,
    Description = "Freight, tax, discount and the amount may not take a checked order beyond what was checked.")]
[PluginImage(StepId, ImageType.PreImage, PreImageAlias, OrderHeaderGuard.ImageColumns)]
public sealed class OrderHeaderGuardPlugin : PluginBase
{
    public const string StepId = "3b6d8e21-7c4f-4a90-b2d5-9e1f0a6c4d27";
    public const string PreImageAlias = "PreImage";

    public OrderHeaderGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        OrderHeaderGuard.Check(context.SystemService, context.TargetEntity, context.GetPreImage(PreImageAlias),
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService));
}
