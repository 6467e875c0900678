using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditOS.Integration.Worker.Handlers;

public enum OrderDecision
{
    Accepted,
    HeldForFinance,
    Rejected,

    /// <summary>The customer is on prepayment terms: the order is kept and released once a payment covering it posts.</summary>
    AwaitingPrepayment,

    /// <summary>The order reference was already used for an order with different content; nothing was created.</summary>
    Conflict,
}

/// <summary>What the channel is told about its order, sent to the order's reply-to address.</summary>
public sealed record OrderOutcome(
    [property: JsonPropertyName("channelOrderRef")] string ChannelOrderRef,
    [property: JsonPropertyName("decision")] OrderDecision Decision,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("salesOrderId")] Guid? SalesOrderId)
{
    public const string Subject = "order.outcome";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static OrderOutcome? FromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<OrderOutcome>(json, Json);
}
