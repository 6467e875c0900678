using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Decimal and Money values are stored at their column's precision, through the SDK and the Web API alike.
/// DecimalAttributeMetadata.Precision is the decimal column's number of decimal places (&lt;Accuracy&gt;);
/// MoneyAttributeMetadata.PrecisionSource says where a money column's comes from: 0 the column's Precision, 1 the
/// organization's PricingDecimalPrecision, 2 "the TransactionCurrency.CurrencyPrecision property of the transaction currency
/// that is associated the current record" ("If this property is not assigned a value, it defaults to 2"); Dynamics 365's
/// "Decimal precision in currency and pricing": "Currency precision. This option applies the precision defined for the
/// currency in the record", and precision "affects rounding". A value outside the column's MinValue/MaxValue is refused
/// (ValueOutOfRange 0x8004431A), never rounded into range.
/// </summary>
public sealed class NumberPrecisionProbes
{
    private static readonly Guid Yen = new("a9930000-0000-4000-8000-000000000001");
    private static readonly Guid Dollar = new("a9930000-0000-4000-8000-000000000002");

    [Theory]
    [InlineData("account", "cos_riskscore", "12.345", "12.35")]            // Accuracy 2, midpoint away from zero
    [InlineData("account", "cos_riskscore", "12.3449", "12.34")]
    [InlineData("cos_creditpolicy", "cos_limitheadroom", "1.23456", "1.2346")] // Accuracy 4
    [InlineData("cos_portfoliokpi", "cos_dsodays", "41.25", "41.3")]          // Accuracy 1
    public void ADecimal_IsStoredAtTheColumnsPrecision(string table, string column, string given, string stored)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var id = service.Create(new Entity(table) { [column] = decimal.Parse(given, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), service.Retrieve(table, id, new ColumnSet(column)).GetAttributeValue<decimal>(column));
    }

    [Fact]
    public void Money_IsStoredAtTheRecordsCurrencyPrecision_OnCreateAndOnUpdate()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        CreateCurrencies(service);

        var inYen = service.Create(Payment(Yen, 1_234.5m));
        var inDollars = service.Create(Payment(Dollar, 10.005m));
        service.Update(new Entity("cos_payment", inYen) { ["cos_amount"] = new Money(99.49m) }); // the currency is the stored row's

        Assert.Equal(99m, AmountOf(service, inYen));
        Assert.Equal(10.01m, AmountOf(service, inDollars));
        Assert.Equal(1_235m, service.Retrieve("cos_payment", service.Create(Payment(Yen, 1_234.5m)), new ColumnSet("cos_amount")).GetAttributeValue<Money>("cos_amount").Value);
    }

    [Fact]
    public void Money_OnARowWithoutACurrency_IsStoredAtTheColumnsPrecision()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var policy = service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard", ["cos_baselimit"] = new Money(100.005m) });

        Assert.Equal(100.01m, service.Retrieve("cos_creditpolicy", policy, new ColumnSet("cos_baselimit")).GetAttributeValue<Money>("cos_baselimit").Value);
    }

    /// <summary>
    /// Session 33: the row's currency precision is looked up once per write (it was once per money value) and the values are
    /// rounded in place. One update that moves the row to another currency and writes several amounts and a decimal: every
    /// amount at the written currency's precision, none at the stored one's, the decimal at its column's.
    /// </summary>
    [Fact]
    public void AWriteOfSeveralAmounts_AndANewCurrency_RoundsEveryAmountAtTheWrittenCurrencysPrecision()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        CreateCurrencies(service);
        var account = service.Create(new Entity("account")
        {
            ["name"] = "Contoso",
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Dollar),
            ["creditlimit"] = new Money(10.005m),
        });

        service.Update(new Entity("account", account)
        {
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", Yen),
            ["creditlimit"] = new Money(1_000.5m),
            ["cos_exposure"] = new Money(250.49m),
            ["cos_openreceivables"] = new Money(99.5m),
            ["cos_riskscore"] = 12.345m,
        });

        var stored = service.Retrieve("account", account, new ColumnSet("creditlimit", "cos_exposure", "cos_openreceivables", "cos_riskscore"));
        Assert.Equal(
            (1_001m, 250m, 100m, 12.35m),
            (stored.GetAttributeValue<Money>("creditlimit").Value, stored.GetAttributeValue<Money>("cos_exposure").Value,
                stored.GetAttributeValue<Money>("cos_openreceivables").Value, stored.GetAttributeValue<decimal>("cos_riskscore")));
        service.Update(new Entity("account", account) { ["cos_exposure"] = new Money(7.5m), ["cos_openreceivables"] = new Money(8.49m) }); // the stored currency, Yen
        stored = service.Retrieve("account", account, new ColumnSet("cos_exposure", "cos_openreceivables"));
        Assert.Equal((8m, 8m), (stored.GetAttributeValue<Money>("cos_exposure").Value, stored.GetAttributeValue<Money>("cos_openreceivables").Value));
    }

    [Theory]
    [InlineData("-0.001")]                 // MinValue 0: refused as given, not rounded to 0.00
    [InlineData("100000000000000.01")]     // MaxValue 100,000,000,000,000
    public void Money_OutsideTheColumnsRange_IsRefused_NotRounded(string given)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        FaultAssert.Throws(DataverseErrorCodes.ValueOutOfRange,
            () => service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(decimal.Parse(given, System.Globalization.CultureInfo.InvariantCulture)) }));

        Assert.Equal(0, dataverse.Count("account"));
    }

    [Fact]
    public async Task TheWebApi_StoresAndReturnsTheRoundedValues()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        CreateCurrencies(host.Service);

        var created = await host.SendAsync(HttpMethod.Post, "cos_payments", new JsonObject
        {
            ["cos_amount"] = 1_234.5m,
            ["TransactionCurrencyId@odata.bind"] = $"/transactioncurrencies({Yen})",
        });
        var account = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["cos_riskscore"] = 12.345m });
        var refused = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["creditlimit"] = -0.001m });

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal(1_235m, (await host.GetAsync($"cos_payments({created.EntityId})?$select=cos_amount")).Json["cos_amount"]!.GetValue<decimal>());
        Assert.Equal(12.35m, (await host.GetAsync($"accounts({account.EntityId})?$select=cos_riskscore")).Json["cos_riskscore"]!.GetValue<decimal>());
        Assert.Equal((HttpStatusCode.BadRequest, "0x8004431a"), (refused.Status, refused.ErrorCode));
    }

    private static void CreateCurrencies(IOrganizationService service)
    {
        service.Create(Currency(Yen, "JPY", 0));
        service.Create(Currency(Dollar, "USD", 2));
    }

    private static Entity Currency(Guid id, string isoCode, int precision) => new("transactioncurrency", id)
    {
        ["isocurrencycode"] = isoCode,
        ["currencyname"] = isoCode,
        ["currencysymbol"] = isoCode,
        ["exchangerate"] = 1m,
        ["currencyprecision"] = precision,
    };

    private static Entity Payment(Guid currency, decimal amount) => new("cos_payment")
    {
        ["cos_amount"] = new Money(amount),
        ["transactioncurrencyid"] = new EntityReference("transactioncurrency", currency),
    };

    private static decimal AmountOf(IOrganizationService service, Guid payment) =>
        service.Retrieve("cos_payment", payment, new ColumnSet("cos_amount")).GetAttributeValue<Money>("cos_amount").Value;
}
