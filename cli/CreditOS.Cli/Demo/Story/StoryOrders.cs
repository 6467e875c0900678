using System.ServiceModel;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Portfolio;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Story;

/// <summary>Enters orders as the sales rep and reads back what the credit check decided.</summary>
internal static class StoryOrders
{
    private static readonly ColumnSet OrderColumns = new(
        SalesOrder.Fields.Name, SalesOrder.Fields.TotalAmount, SalesOrder.Fields.CreditStatus, SalesOrder.Fields.HoldReason, SalesOrder.Fields.HoldReasonCode, SalesOrder.Fields.StateCode);

    /// <summary>Creates the order through the pipeline; a credit refusal is saved as a Refused order, bad input comes back as the platform's message.</summary>
    public static OrderEntry Enter(StoryContext story, AccountSnapshot account, decimal amount, string name, OrderChannel channel = OrderChannel.SalesRep)
    {
        var order = new Entity(SalesOrder.EntityLogicalName)
        {
            [SalesOrder.Fields.Name] = name,
            [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, account.AccountId),
            [SalesOrder.Fields.TotalAmount] = new Money(amount),
            [SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, story.Reference.CurrencyId),
            [SalesOrder.Fields.Channel] = new OptionSetValue((int)channel),
        };
        OrderEntry entry;
        try
        {
            var id = story.SalesRep.Create(order);
            entry = Read(story.System, id);
        }
        catch (FaultException<OrganizationServiceFault> refused)
        {
            entry = new OrderEntry(null, name, amount, null, refused.Detail.Message, null);
        }

        story.OrderChecks.Add(new OrderCheckRecord(account.Segment, entry.Outcome));
        return entry;
    }

    public static OrderEntry Read(IOrganizationService service, Guid orderId)
    {
        var row = service.Retrieve(SalesOrder.EntityLogicalName, orderId, OrderColumns);
        return new OrderEntry(
            orderId,
            row.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? string.Empty,
            row.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m,
            (SalesOrderCreditStatus?)row.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value,
            row.GetAttributeValue<string>(SalesOrder.Fields.HoldReason),
            row.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    public static string Describe(AccountSnapshot account, string currency) =>
        account.Name + " (" + account.Segment + ", tier " + account.Tier + ", risk " + Figures.Score(account.RiskScore) + " " + account.RiskLevel
        + "; limit " + Figures.Money(currency, account.Limit) + ", exposure " + Figures.Money(currency, account.Exposure)
        + ", available " + Figures.Money(currency, account.Available) + ")";
}

/// <summary>
/// An order as Dataverse holds it after the credit check: a refused order is kept with credit status Refused and the
/// refusal's reasons; an order the platform would not save at all (bad input) has no id and carries the message.
/// </summary>
internal sealed record OrderEntry(Guid? OrderId, string Name, decimal Amount, SalesOrderCreditStatus? CreditStatus, string? Reason, string? ReasonCode)
{
    public bool WasRefused => OrderId is null || CreditStatus == SalesOrderCreditStatus.Refused;

    public DecisionOutcome Outcome => WasRefused
        ? DecisionOutcome.Block
        : CreditStatus switch
        {
            SalesOrderCreditStatus.OnHold => DecisionOutcome.RequireApproval,
            SalesOrderCreditStatus.AwaitingPrepayment => DecisionOutcome.AwaitPrepayment,
            _ => DecisionOutcome.Approve,
        };
}
