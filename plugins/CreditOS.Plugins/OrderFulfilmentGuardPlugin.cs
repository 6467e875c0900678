using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// A held, rejected, unchecked or cancelled order cannot be fulfilled or invoiced, nor a fulfilled or invoiced order raised
/// (see <see cref="OrderFulfilmentGuard"/>);
/// SetState is carried out as an Update of statecode, so this step sees it too. Budget: 0 calls.
/// </summary>
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PreValidation, StepId,
    FilteringAttributes = OrderFulfilmentGuard.FilteringColumns, Description = "An order not cleared by the credit check cannot be fulfilled or invoiced.")]
[PluginImage(StepId, ImageType.PreImage, PreImageAlias, OrderFulfilmentGuard.ImageColumns)]
public sealed class OrderFulfilmentGuardPlugin : PluginBase
{
    public const string StepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a7011";
    public const string PreImageAlias = "PreImage";

    public OrderFulfilmentGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        OrderFulfilmentGuard.Check(context.TargetEntity, context.GetPreImage(PreImageAlias));
}
