namespace CreditOS.CreditEngine.Tests;

/// <summary>
/// A customer's amounts in the account's currency: its own currency as written, another through Dataverse's base value at
/// the account currency's rate; a sum converts to the same figure however it is grouped.
/// </summary>
public sealed class AccountCurrencyAmountsTests
{
    private static readonly AccountCurrencyAmounts InFrancs = new("CHF", 0.9m);

    [Fact]
    public void AnAmountInTheAccountsCurrency_CountsAsWritten()
    {
        Assert.Equal(20_000m, InFrancs.InAccountCurrency(20_000m, 22_222.22m, inAccountCurrency: true, "Invoice INV-1"));
    }

    [Fact]
    public void AnAmountInAnotherCurrency_CountsAtItsBaseValueTimesTheAccountCurrencysRate()
    {
        // GBP 10,000.00 at 0.8 to the base dollar: USD 12,500.00 in cos_amount_base, CHF 11,250.00 at 0.9.
        Assert.Equal(11_250m, InFrancs.InAccountCurrency(10_000m, 12_500m, inAccountCurrency: false, "Invoice INV-2"));
    }

    [Fact]
    public void ASumOfBaseValues_ConvertsToTheSumOfTheConvertedParts()
    {
        decimal[] bases = [1_234.57m, 0.01m, 98_765.43m, 3.33m];
        var converted = bases.Sum(b => InFrancs.InAccountCurrency(b / 0.8m, b, inAccountCurrency: false, "Invoice"));
        Assert.Equal(InFrancs.InAccountCurrency(0m, bases.Sum(), inAccountCurrency: false, "Invoices"), converted);
    }

    [Fact]
    public void AnAmountInAnotherCurrencyWithoutItsBaseValue_IsRefusedNamingIt()
    {
        var refused = Assert.Throws<CreditInputException>(() => InFrancs.InAccountCurrency(10_000m, null, inAccountCurrency: false, "Invoice INV-2"));
        Assert.Contains("Invoice INV-2 of 10,000.00 is in another currency than the account's CHF", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountCurrencyWithoutARate_IsRefused()
    {
        var refused = Assert.Throws<CreditInputException>(() => new AccountCurrencyAmounts("CHF", 0m));
        Assert.Contains("exchange rate of the account's currency CHF is 0", refused.Message, StringComparison.Ordinal);
    }
}
