extern alias plugins;

using Microsoft.Xrm.Sdk;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>A sales order: <c>AnOrder().For(customer).Of(5_000)</c>.</summary>
internal sealed class OrderBuilder
{
    private Guid id = CreditTestIds.FirstOrder;
    private EntityReference? customer = new(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, CreditTestIds.Customer);
    private decimal? amount = 1_000m;
    private Guid? currency = CreditTestIds.Usd;
    private OrderChannel? channel;

    public static OrderBuilder AnOrder() => new();

    /// <summary>An order line of <paramref name="quantity"/> pallets at <paramref name="price"/> each.</summary>
    public static Entity ALine(Guid order, decimal quantity, decimal price) => new(plugins::CreditOS.Dataverse.Model.SalesOrderDetail.EntityLogicalName)
    {
        [plugins::CreditOS.Dataverse.Model.SalesOrderDetail.Fields.SalesOrderId] = new EntityReference(SalesOrder.EntityLogicalName, order),
        [plugins::CreditOS.Dataverse.Model.SalesOrderDetail.Fields.ProductDescription] = "Pallet",
        [plugins::CreditOS.Dataverse.Model.SalesOrderDetail.Fields.Quantity] = quantity,
        [plugins::CreditOS.Dataverse.Model.SalesOrderDetail.Fields.PricePerUnit] = new Money(price),
    };

    public OrderBuilder WithId(Guid value) { id = value; return this; }

    public OrderBuilder For(Guid accountId) { customer = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId); return this; }

    public OrderBuilder ForContact(Guid contactId) { customer = new EntityReference(plugins::CreditOS.Dataverse.Model.Contact.EntityLogicalName, contactId); return this; }

    public OrderBuilder WithoutCustomer() { customer = null; return this; }

    public OrderBuilder Of(decimal? value) { amount = value; return this; }

    public OrderBuilder InCurrency(Guid value) { currency = value; return this; }

    /// <summary>No <c>transactioncurrencyid</c> in the create: the platform gives the row the creating user's default currency, else the base.</summary>
    public OrderBuilder WithoutCurrency() { currency = null; return this; }

    public OrderBuilder Through(OrderChannel value) { channel = value; return this; }

    public Entity Build()
    {
        var row = new Entity(SalesOrder.EntityLogicalName, id) { [SalesOrder.Fields.Name] = "Order " + id.ToString()[..8] };
        if (customer is not null)
        {
            row[SalesOrder.Fields.CustomerId] = customer;
        }

        if (amount is { } value)
        {
            row[SalesOrder.Fields.TotalAmount] = new Money(value);
        }

        if (currency is { } currencyId)
        {
            row[SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, currencyId);
        }

        if (channel is { } orderChannel)
        {
            row[SalesOrder.Fields.Channel] = new OptionSetValue((int)orderChannel);
        }

        return row;
    }

    public Guid Create(IOrganizationService service) => service.Create(Build());
}
