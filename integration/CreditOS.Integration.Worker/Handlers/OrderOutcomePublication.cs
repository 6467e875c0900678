using System.Security.Cryptography;
using System.Text;
using CreditOS.Integration.Worker.Messages.Canonical;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// An order outcome as the order-outcome topic carries it (session 25): the body the channel's reply carries, a MessageId
/// derived from the order and its outcome (a redelivered order message that comes to the same outcome publishes the same
/// MessageId, so a subscriber that de-duplicates, or a topic with duplicate detection, sees it once), and the properties
/// a subscription filters on.
/// </summary>
public sealed record OrderOutcomePublication(OrderOutcome Outcome, ChannelOrder? Order, Guid? AccountId, string IntakeMessageId)
{
    /// <summary>Service Bus' limit on a MessageId.</summary>
    public const int MaxMessageIdLength = 128;

    public const string OutcomeProperty = "Outcome";
    public const string ChannelProperty = "Channel";
    public const string ChannelOrderRefProperty = "ChannelOrderRef";
    public const string CustomerNumberProperty = "CustomerNumber";
    public const string AccountIdProperty = "AccountId";

    /// <summary>
    /// "order-outcome/{channel}/{reference}/{decision}"; an order message that could not be read names the message instead of
    /// the order. Longer than Service Bus allows: the same text's SHA-256, so the id stays derived from the order and outcome.
    /// </summary>
    public string MessageId
    {
        get
        {
            var id = Order is null
                ? $"order-outcome/message/{IntakeMessageId}/{Outcome.Decision}"
                : $"order-outcome/{Order.Channel}/{Order.ChannelOrderRef}/{Outcome.Decision}";
            return id.Length <= MaxMessageIdLength
                ? id
                : "order-outcome/sha256/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        }
    }

    /// <summary>Strings only, so a correlation filter (which compares values as sent) matches them as written.</summary>
    public IReadOnlyDictionary<string, string> ApplicationProperties
    {
        get
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [OutcomeProperty] = Outcome.Decision.ToString(),
                [ChannelOrderRefProperty] = Outcome.ChannelOrderRef,
            };
            if (Order is not null)
            {
                properties[ChannelProperty] = Order.Channel.ToString();
                properties[CustomerNumberProperty] = Order.CustomerNumber;
            }

            if (AccountId is { } account)
            {
                properties[AccountIdProperty] = account.ToString("D");
            }

            return properties;
        }
    }
}
