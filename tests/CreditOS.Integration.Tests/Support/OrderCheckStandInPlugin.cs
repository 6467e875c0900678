using CreditOS.Integration.Worker.Dataverse;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Stands in for the order-entry credit check in these tests (the real plugin is tested in its own project):
/// PreOperation on salesorder Create, it rejects big orders with an InvalidPluginExecutionException and holds
/// mid-sized ones for Finance.
/// </summary>
public sealed class OrderCheckStandInPlugin : IPlugin
{
    public const decimal HoldAbove = 1_000m;
    public const decimal RejectAbove = 10_000m;
    public const string HoldReason = "Over credit limit; Finance approval required.";
    public const string RejectMessage = "Credit check failed: the order exceeds the credit limit.";
    private const int Approved = 412_500_001;

    public void Execute(IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var order = (Entity)context.InputParameters["Target"];
        var total = order.GetAttributeValue<Money>(DataverseSchema.SalesOrder.TotalAmount)?.Value ?? 0m;
        if (total > RejectAbove)
        {
            throw new InvalidPluginExecutionException(RejectMessage);
        }

        order[DataverseSchema.SalesOrder.CreditStatus] = new OptionSetValue(total > HoldAbove ? DataverseSchema.SalesOrder.CreditStatusOnHold : Approved);
        order[DataverseSchema.SalesOrder.HoldReason] = total > HoldAbove ? HoldReason : null;
    }
}
