using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.Plugins;

/// <summary>
/// The one-off upgrade step that stamps whom existing open orders were entered for (<see cref="EnteredForBackfill"/>):
/// the worker's application user or SYSTEM only. Budget: <see cref="EnteredForBackfill.FixedCalls"/> + one update per order stamped.
/// </summary>
[CustomApi(EnteredForBackfill.UniqueName, Description = "Once after upgrading: stamps cos_enteredfor on a page of open orders that lack it (their customer now); call until Remaining is false.")]
[CustomApiResponseProperty(EnteredForBackfill.Updated, CustomApiFieldType.Integer)]
[CustomApiResponseProperty(EnteredForBackfill.Remaining, CustomApiFieldType.Boolean)]
public sealed class BackfillOrderEnteredForPlugin : PluginBase
{
    public BackfillOrderEnteredForPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var updated = EnteredForBackfill.Run(context.PluginExecutionContext, context.SystemService, out var remaining);
        context.TracingService.Trace("Stamped whom {0} open order(s) were entered for; more left: {1}.", updated, remaining);
        context.SetOutputParameter(EnteredForBackfill.Updated, updated);
        context.SetOutputParameter(EnteredForBackfill.Remaining, remaining);
    }
}
