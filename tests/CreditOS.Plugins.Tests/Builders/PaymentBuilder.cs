extern alias plugins;

using Microsoft.Xrm.Sdk;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>An ERP payment posting: <c>APayment().Of(3_000).Settling("INV-00001")</c>.</summary>
internal sealed class PaymentBuilder
{
    private Guid accountId = CreditTestIds.Customer;
    private decimal amount = 1_000m;
    private string invoices = string.Empty;
    private string erpId = "PAY-1";
    private decimal? discountTaken;
    private Guid currency = CreditTestIds.Usd;

    public static PaymentBuilder APayment() => new();

    public PaymentBuilder For(Guid value) { accountId = value; return this; }

    public PaymentBuilder Of(decimal value) { amount = value; return this; }

    public PaymentBuilder Settling(params string[] erpIds) { invoices = string.Join(",", erpIds); return this; }

    public PaymentBuilder WithErpId(string value) { erpId = value; return this; }

    /// <summary>Paid in another currency than the tests' dollar (in its invoices' currency).</summary>
    public PaymentBuilder InCurrency(Guid value) { currency = value; return this; }

    public PaymentBuilder TakingDiscount(decimal value) { discountTaken = value; return this; }

    public Entity Build()
    {
        var payment = Row();
        if (discountTaken is { } discount)
        {
            payment[Payment.Fields.DiscountTaken] = new Money(discount);
        }

        return payment;
    }

    private Entity Row() => new(Payment.EntityLogicalName)
    {
        [Payment.Fields.Name] = erpId,
        [Payment.Fields.SourceSystem] = "ERP",
        [Payment.Fields.ErpId] = erpId,
        [Payment.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
        [Payment.Fields.Amount] = new Money(amount),
        [Payment.Fields.PaymentDate] = CreditTestIds.Today,
        [Payment.Fields.AppliedInvoices] = invoices,
        [Payment.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, currency),
    };

    public Guid Create(IOrganizationService service) => service.Create(Build());
}
