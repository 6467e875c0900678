using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// An order's channel (<c>cos_channel</c>) can earn it a trusted channel's tolerance over the limit (the policy's
/// <c>cos_trustedchannel</c>), so only the integration worker, which takes channel orders in, and the credit flow say
/// an order came through the web shop, EDI or a partner portal. A person entering or editing an order in CRM leaves
/// the channel empty or says Sales rep; anything else is refused, naming the channel.
/// </summary>
public static class OrderChannelGuard
{
    public const string ImageColumns = SalesOrder.Fields.Name + "," + SalesOrder.Fields.Channel;

    /// <param name="isWorkerOrCreditFlow">The integration worker (Integration role) or SYSTEM; asked only when a person would be refused.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isWorkerOrCreditFlow)
    {
        if (!target.Contains(SalesOrder.Fields.Channel))
        {
            return;
        }

        var next = target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel)?.Value;
        if (next is null or (int)OrderChannel.SalesRep
            || next == before?.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel)?.Value
            || isWorkerOrCreditFlow())
        {
            return;
        }

        var name = (before ?? target).GetAttributeValue<string>(SalesOrder.Fields.Name) ?? target.Id.ToString();
        var channel = Enum.GetName(typeof(OrderChannel), next.Value) ?? next.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidPluginExecutionException(
            $"Order '{name}' cannot be marked as coming through {channel}: only the integration worker, which takes {channel} orders in, sets that channel, "
            + "and a trusted channel may be allowed over the customer's limit. An order entered in CRM is a sales rep's order.");
    }
}
