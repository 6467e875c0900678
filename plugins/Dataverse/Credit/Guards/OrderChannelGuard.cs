using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// An order's channel (<c>cos_channel</c>) can earn it a trusted channel's tolerance over the limit (the policy's
/// <c>cos_trustedchannel</c>), so only the integration worker, which takes channel orders in, and the credit flow say
/// an order came through the web shop, EDI or a partner portal. A person entering or editing an order in CRM leaves
/// the channel empty or says Sales rep; anything else is refused, naming the channel. Once entered, an order keeps the
/// channel it came in through (controls round 6): the worker takes channel orders in and never re-labels one, so moving an
/// existing order into a channel other than Sales rep is the credit flow's (SYSTEM) only; before, the Integration identity
/// could mark a rep's held order EDI and re-send its amount, and the check approved it within the channel's tolerance.
/// </summary>
public static class OrderChannelGuard
{
    public const string ImageColumns = SalesOrder.Fields.Name + "," + SalesOrder.Fields.Channel;

    /// <param name="isWorkerOrCreditFlow">The integration worker (Integration role) or SYSTEM; asked only on create, when a person would be refused.</param>
    /// <param name="isCreditFlow">SYSTEM; asked only when an existing order would move into a channel.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isWorkerOrCreditFlow, Func<bool> isCreditFlow)
    {
        if (!target.Contains(SalesOrder.Fields.Channel))
        {
            return;
        }

        var next = target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel)?.Value;
        var was = before?.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel)?.Value;
        if (next is null or (int)OrderChannel.SalesRep || next == was)
        {
            return;
        }

        var name = (before ?? target).GetAttributeValue<string>(SalesOrder.Fields.Name) ?? target.Id.ToString();
        var channel = Name(next.Value);
        if (before is not null)
        {
            if (isCreditFlow())
            {
                return;
            }

            throw new InvalidPluginExecutionException(
                $"Order '{name}' cannot be moved from the {(was is { } from ? Name(from) : "SalesRep")} channel to {channel}: an order's channel is the one it came in through, set when it is entered, "
                + "and a trusted channel may be allowed over the customer's limit. Nobody re-labels an existing order, the integration worker included; a channel order is entered by the worker as a new order.");
        }

        if (isWorkerOrCreditFlow())
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            $"Order '{name}' cannot be marked as coming through {channel}: only the integration worker, which takes {channel} orders in, sets that channel, "
            + "and a trusted channel may be allowed over the customer's limit. An order entered in CRM is a sales rep's order.");
    }

    private static string Name(int channel) =>
        Enum.GetName(typeof(OrderChannel), channel) ?? channel.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
