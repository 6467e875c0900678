using CreditOS.Dataverse.Model;

namespace CreditOS.Cli.Demo.Story;

/// <summary>How the story words an order's outcome.</summary>
internal static class StoryText
{
    public static string Status(OrderEntry order) => Sentence(order).TrimEnd('.');

    private static string Sentence(OrderEntry order) => order switch
    {
        { WasRefused: true, OrderId: null } => "REFUSED, nothing saved: " + order.Reason,
        { WasRefused: true } => "REFUSED, kept as a refused order the rep may ask Finance to except: " + order.Reason,
        { CreditStatus: SalesOrderCreditStatus.OnHold } => "ON CREDIT HOLD (" + order.ReasonCode + "): " + order.Reason,
        { CreditStatus: SalesOrderCreditStatus.AwaitingPrepayment } => "AWAITING PREPAYMENT (" + order.ReasonCode + ", no Finance request): " + order.Reason,
        { CreditStatus: SalesOrderCreditStatus.Released } => "RELEASED: " + order.Reason,
        { CreditStatus: { } status } => status.ToString().ToUpperInvariant() + (string.IsNullOrEmpty(order.Reason) ? string.Empty : ": " + order.Reason),
        _ => "not checked",
    };
}
