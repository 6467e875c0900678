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
/// CreditFlowIdentity) when it would be refused; at most <see cref="OrderHeaderGuard.MaximumCalls"/>. A new order's amount must
/// cover what it bills before any line, its freight and tax less its discount (<see cref="OrderHeaderGuard.CheckNew"/>, 0 calls;
/// +1 to refuse).
/// </summary>
[PluginStep(Messages.Create, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "A new order's amount covers its freight and tax less its discount.")]
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, StepId,
    FilteringAttributes = OrderHeaderGuard.FilteringColumns,
    Description = "Freight, tax, discount and the amount may not take a checked order beyond what was checked.")]
[PluginImage(StepId, ImageType.PreImage, PreImageAlias, OrderHeaderGuard.ImageColumns)]
public sealed class OrderHeaderGuardPlugin : PluginBase
{
    public const string StepId = "3b6d8e21-7c4f-4a90-b2d5-9e1f0a6c4d27";
    public const string CreateStepId = "eef1c7fb-f20b-4732-933d-181d290b0386";
    public const string PreImageAlias = "PreImage";

    public OrderHeaderGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        bool IsCreditFlow() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService);
        if (context.MessageName == Messages.Create)
        {
            OrderHeaderGuard.CheckNew(context.TargetEntity, IsCreditFlow);
            return;
        }

        OrderHeaderGuard.Check(context.SystemService, context.TargetEntity, context.GetPreImage(PreImageAlias), IsCreditFlow);
    }
}
