using Microsoft.Xrm.Sdk;

namespace CreditOS.Testing.Builders;

public sealed class SalesOrderBuilder : RowBuilder<SalesOrderBuilder>
{
    internal SalesOrderBuilder()
        : base("salesorder")
    {
        With("name", "Order");
    }

    public SalesOrderBuilder ForAccount(Guid accountId) => With("customerid", new EntityReference("account", accountId));

    public SalesOrderBuilder WithTotal(decimal totalAmount) => With("totalamount", new Money(totalAmount));

    public SalesOrderBuilder WithOrderNumber(string orderNumber) => With("ordernumber", orderNumber);
}
