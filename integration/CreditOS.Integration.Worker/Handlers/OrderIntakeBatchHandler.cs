using System.Globalization;
using System.Text.Json.Nodes;
using Amqp;
using Amqp.Framing;
using CreditOS.CreditEngine.Decisions;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.SalesOrder;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// One governed entry flow: each channel's order becomes a sales order created through the Web API, where the
/// order-entry plugin checks credit as for an order typed by a sales rep. The channel gets the outcome on the
/// message's reply-to address, and the same outcome is published to the order-outcome topic when one is configured
/// (session 25); failures are dead-lettered with reason and order value.
/// </summary>
public sealed partial class OrderIntakeBatchHandler(
    AdapterSet<ChannelOrder> adapters,
    IAccountDirectory accounts,
    DataverseWebApiClient dataverse,
    ReplyPublisher replies,
    Transport.ServiceBus.ServiceBusOrderOutcomeTopic outcomeTopic,
    IOptions<ChannelOptions> channels,
    ILogger<OrderIntakeBatchHandler> logger) : IMessageBatchHandler
{
    private static readonly string OutcomeColumns = string.Join(',', Schema.Id, Schema.CreditStatus, Schema.HoldReason, Schema.HoldReasonCode);

    public async Task<IReadOnlyList<SettleDecision>> HandleAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var decisions = new SettleDecision[messages.Count];
        var orders = messages.Select(adapters.Adapt).ToList();
        IReadOnlyDictionary<string, AccountReference> known;
        try
        {
            var numbers = orders.Where(order => order.IsValid).Select(order => order.Value!.CustomerNumber).ToList();
            known = numbers.Count == 0 ? new Dictionary<string, AccountReference>() : await accounts.FindAsync(numbers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DataverseException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return messages.Select(_ => SettleDecision.Abandon($"accounts could not be read: {exception.Message}")).ToList();
        }

        var creates = new List<(int Index, ChannelOrder Order)>();
        for (var index = 0; index < messages.Count; index++)
        {
            var rejection = orders[index].Rejection ?? Check(orders[index].Value!, known);
            if (rejection is null)
            {
                creates.Add((index, orders[index].Value!));
                continue;
            }

            var order = orders[index].Value;
            var accountId = order is not null && known.TryGetValue(order.CustomerNumber, out var account) ? account.AccountId : (Guid?)null;
            decisions[index] = await RejectAsync(messages[index], order, accountId, rejection, cancellationToken).ConfigureAwait(false);
        }

        if (creates.Count == 0)
        {
            return decisions;
        }

        var operations = creates.Select(create => CreateOperation(create.Order, known[create.Order.CustomerNumber])).ToList();
        var results = await dataverse.ExecuteBatchAsync(operations, cancellationToken).ConfigureAwait(false);
        for (var position = 0; position < creates.Count; position++)
        {
            var (index, order) = creates[position];
            decisions[index] = await ConcludeAsync(messages[index], order, known[order.CustomerNumber].AccountId, results[position], cancellationToken).ConfigureAwait(false);
        }

        return decisions;
    }

    private Rejection? Check(ChannelOrder order, IReadOnlyDictionary<string, AccountReference> known)
    {
        if (RecordRules.AddressableKey("order reference", order.ChannelOrderRef, $"the {order.Channel} channel") is { } unaddressable)
        {
            return unaddressable;
        }

        if (!known.TryGetValue(order.CustomerNumber, out var account))
        {
            return new Rejection(RejectionReasons.UnknownCustomer, $"{order.Channel} order {order.ChannelOrderRef}: no account has customer number '{order.CustomerNumber}'.");
        }

        if (order.Lines.Count == 0 || order.Lines.Any(line => line.Quantity <= 0 || line.UnitPrice < 0))
        {
            return new Rejection(RejectionReasons.InvalidOrder, $"{order.Channel} order {order.ChannelOrderRef}: every order needs at least one line, positive quantities and non-negative prices.");
        }

        var limit = MaxOrderValue(order.Channel);
        if (order.TotalAmount > limit)
        {
            return new Rejection(RejectionReasons.ChannelLimitExceeded, $"{order.Channel} order {order.ChannelOrderRef}: {Money(order.TotalAmount, order.CurrencyCode)} exceeds the channel's unattended limit of {Money(limit, order.CurrencyCode)}; enter it through a sales rep.");
        }

        return RecordRules.PositiveAmount(order.TotalAmount, "order") ?? RecordRules.SameCurrency(order.CurrencyCode, account, "order");
    }

    private decimal MaxOrderValue(SalesChannel channel) => channel switch
    {
        SalesChannel.WebShop => channels.Value.WebShopMaxOrderValue,
        SalesChannel.Edi => channels.Value.EdiMaxOrderValue,
        SalesChannel.PartnerPortal => channels.Value.PartnerPortalMaxOrderValue,
        _ => 0m,
    };

    private static BatchOperation CreateOperation(ChannelOrder order, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.Name] = $"{order.Channel} {order.ChannelOrderRef}",
            [Schema.TotalAmount] = order.TotalAmount,
        };
        body[DataverseSchema.BindProperty(Schema.CustomerNavigation)] = DataverseSchema.Bind(DataverseSchema.Account.EntitySet, account.AccountId);
        body[DataverseSchema.BindProperty(Schema.CurrencyNavigation)] = DataverseSchema.Bind(DataverseSchema.Currency.EntitySet, account.CurrencyId!.Value);
        return BatchOperation.CreateOnly(KeyedUrl(order), body, OutcomeColumns);
    }

    private async Task<SettleDecision> ConcludeAsync(InboundMessage message, ChannelOrder order, Guid accountId, BatchOperationResult result, CancellationToken cancellationToken)
    {
        OrderOutcome outcome;
        if (result.Succeeded)
        {
            outcome = OutcomeOf(order, result.Body);
        }
        else if (result.StatusCode == 412)
        {
            // Created by an earlier delivery of this message: tell the channel again what became of it, unless the
            // reference now carries a different order, which is a conflict and never the first order's outcome.
            JsonObject existing;
            try
            {
                existing = await dataverse.GetAsync($"{KeyedUrl(order)}?$select={OrderConflict.ExistingColumns}", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DataverseException or HttpRequestException)
            {
                return SettleDecision.Abandon($"existing order could not be read: {exception.Message}");
            }

            if (OrderConflict.Describe(order, accountId, existing) is { } conflict)
            {
                return await ConflictAsync(message, order, accountId, conflict, cancellationToken).ConfigureAwait(false);
            }

            outcome = OutcomeOf(order, existing);
        }
        else if (result.ShouldAbandon)
        {
            return SettleDecision.Abandon($"Dataverse answered {result.StatusCode}: {result.ErrorMessage}");
        }
        else
        {
            // The order-entry plugin refused the save (bad input: no customer, another currency...): a business answer for the channel.
            outcome = new OrderOutcome(order.ChannelOrderRef, OrderDecision.Rejected, result.ErrorMessage ?? $"Dataverse answered {result.StatusCode}.", null);
        }

        return await TellAsync(message, new OrderOutcomePublication(outcome, order, accountId, message.MessageId), cancellationToken).ConfigureAwait(false)
            ? SettleDecision.Complete()
            : SettleDecision.Abandon("the outcome could not be sent to the channel or the order-outcome topic");
    }

    private static OrderOutcome OutcomeOf(ChannelOrder order, JsonObject? row)
    {
        var id = row?[Schema.Id] is JsonValue idValue ? idValue.GetValue<Guid>() : (Guid?)null;
        var status = row?[Schema.CreditStatus] is JsonValue value ? value.GetValue<int>() : (int?)null;

        // Controls round 22 (session 29): the channel is the customer's side; a suspension's reason (bureau rating and
        // solvency, judgments, a fraud flag) stays with the order, the channel is told only that orders are suspended.
        var reason = ChannelReasonText.For(row?[Schema.HoldReasonCode]?.GetValue<string>(), row?[Schema.HoldReason]?.GetValue<string>());
        return status switch
        {
            Schema.CreditStatusOnHold => new OrderOutcome(order.ChannelOrderRef, OrderDecision.HeldForFinance, reason, id),
            Schema.CreditStatusAwaitingPrepayment => new OrderOutcome(order.ChannelOrderRef, OrderDecision.AwaitingPrepayment, reason, id),

            // The credit check refused it: the order is kept in Dataverse as the refusal's trace (a sales rep may ask
            // Finance for an exception); the channel is told it is rejected, with the check's reason and figures.
            Schema.CreditStatusRefused => new OrderOutcome(order.ChannelOrderRef, OrderDecision.Rejected, reason, id),
            _ => new OrderOutcome(order.ChannelOrderRef, OrderDecision.Accepted, null, id),
        };
    }

    private async Task<SettleDecision> RejectAsync(InboundMessage message, ChannelOrder? order, Guid? accountId, Rejection rejection, CancellationToken cancellationToken)
    {
        var reference = order?.ChannelOrderRef ?? message.MessageId;
        var outcome = new OrderOutcome(reference, OrderDecision.Rejected, rejection.Description, null);
        if (!await TellAsync(message, new OrderOutcomePublication(outcome, order, accountId, message.MessageId), cancellationToken).ConfigureAwait(false))
        {
            return SettleDecision.Abandon("the rejection could not be sent to the channel or the order-outcome topic");
        }

        var properties = new Dictionary<string, object>
        {
            [DeadLetterProperties.OrderValue] = (order?.TotalAmount ?? 0m).ToString(CultureInfo.InvariantCulture),
        };
        if (order is not null)
        {
            properties[DeadLetterProperties.OrderCurrency] = order.CurrencyCode;
        }

        return SettleDecision.DeadLetter(rejection.Reason, rejection.Description, properties);
    }

    /// <summary>Answers the channel with the conflict and dead-letters the message for a person, with the order value.</summary>
    private async Task<SettleDecision> ConflictAsync(InboundMessage message, ChannelOrder order, Guid accountId, string conflict, CancellationToken cancellationToken)
    {
        var outcome = new OrderOutcome(order.ChannelOrderRef, OrderDecision.Conflict, conflict, null);
        if (!await TellAsync(message, new OrderOutcomePublication(outcome, order, accountId, message.MessageId), cancellationToken).ConfigureAwait(false))
        {
            return SettleDecision.Abandon("the conflict could not be sent to the channel or the order-outcome topic");
        }

        return SettleDecision.DeadLetter(RejectionReasons.OrderConflict, conflict, new Dictionary<string, object>
        {
            [DeadLetterProperties.OrderValue] = order.TotalAmount.ToString(CultureInfo.InvariantCulture),
            [DeadLetterProperties.OrderCurrency] = order.CurrencyCode,
        });
    }

    /// <summary>
    /// Tells the channel (its reply-to) and then the order-outcome topic; false when the broker took either not, and the order
    /// message is then abandoned: its redelivery finds the order (412) and tells both again, the reply and the topic message
    /// under the same MessageIds as before.
    /// </summary>
    private async Task<bool> TellAsync(InboundMessage message, OrderOutcomePublication publication, CancellationToken cancellationToken)
    {
        if (!await ReplyAsync(message, publication.Outcome, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await outcomeTopic.PublishAsync(publication, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is Azure.Messaging.ServiceBus.ServiceBusException or IOException or TimeoutException or ObjectDisposedException or UnauthorizedAccessException)
        {
            LogPublishFailed(exception, message.MessageId, publication.MessageId);
            return false;
        }
    }

    /// <summary>Sends the outcome to the reply-to address; false when the broker did not take it.</summary>
    private async Task<bool> ReplyAsync(InboundMessage message, OrderOutcome outcome, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.ReplyTo))
        {
            LogNoReplyAddress(message.MessageId, outcome.Decision);
            return true;
        }

        var reply = new Message
        {
            BodySection = new Data { Binary = outcome.ToJson() },
            Header = new Header { Durable = true },
            Properties = new Properties
            {
                MessageId = $"{message.MessageId}:outcome",
                CorrelationId = message.MessageId,
                Subject = OrderOutcome.Subject,
                ContentType = "application/json",
            },
        };
        try
        {
            await replies.SendAsync(message.ReplyTo, reply, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is AmqpException or Azure.Messaging.ServiceBus.ServiceBusException or IOException or TimeoutException or ObjectDisposedException)
        {
            LogReplyFailed(exception, message.MessageId, message.ReplyTo);
            return false;
        }
    }

    /// <summary>The composite alternate key (channel, reference): the key columns are set by the URL, not the body.</summary>
    private static string KeyedUrl(ChannelOrder order) =>
        ODataKey.For(Schema.EntitySet, (Schema.Channel, ODataKey.Number((int)order.Channel)), (Schema.ChannelOrderRef, ODataKey.Text(order.ChannelOrderRef)));

    private static string Money(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order message {MessageId} has no reply-to address; outcome {Decision} not sent")]
    private partial void LogNoReplyAddress(string messageId, OrderDecision decision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the outcome of order message {MessageId} to the order-outcome topic as {OutcomeMessageId}")]
    private partial void LogPublishFailed(Exception exception, string messageId, string outcomeMessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the outcome of order message {MessageId} to {ReplyTo}")]
    private partial void LogReplyFailed(Exception exception, string messageId, string replyTo);
}
