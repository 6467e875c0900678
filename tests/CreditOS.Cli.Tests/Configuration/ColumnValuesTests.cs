using CreditOS.Cli.Configuration;

namespace CreditOS.Cli.Tests.Configuration;

/// <summary>
/// The check <c>creditos config propose</c> makes before proposing (the page's rules and wording): precision, range and length with
/// their figures, thousands separators, choices and yes/no by label, lookups by name (ambiguous names refused), the canonical form
/// the change text takes.
/// </summary>
public sealed class ColumnValuesTests
{
    private static readonly ColumnDefinition HardCap = new("cos_hardcap", "Hard cap", ColumnKind.Money) { Precision = 2, PrecisionSource = 2, Min = 0, Max = 100_000_000_000m };
    private static readonly ColumnDefinition GraceDays = new("cos_gracedays", "Grace period (days)", ColumnKind.WholeNumber) { Min = 0, Max = 365 };
    private static readonly ColumnDefinition Headroom = new("cos_limitheadroom", "Limit headroom", ColumnKind.Decimal) { Precision = 4, Min = 0, Max = 10 };
    private static readonly ColumnDefinition Name = new("cos_name", "Name", ColumnKind.Text) { MaxLength = 10 };
    private static readonly ColumnDefinition Channel = new("cos_trustedchannel", "Trusted channel", ColumnKind.Choice) { Options = [new("412500000", "Web"), new("412500002", "EDI")] };
    private static readonly ColumnDefinition Approval = new("cos_requiresapproval", "Requires approval", ColumnKind.YesNo) { Options = [new("yes", "Yes"), new("no", "No")] };
    private static readonly ColumnDefinition Policy = new("cos_creditpolicyid", "Credit policy", ColumnKind.Lookup) { Targets = ["cos_creditpolicy"] };

    [Theory]
    [InlineData("400,000", "400000.00")]
    [InlineData("400 000.5", "400000.50")]
    [InlineData("0400000.125", null)]
    [InlineData("-5", null)]
    public void Money_IsReadWithThousandsSeparators_AndTakesAtLeastTwoDecimals(string typed, string? canonical)
    {
        var result = ColumnValues.Check(HardCap, typed);

        Assert.Equal(canonical, result.Canonical);
        Assert.Equal(canonical is null, !result.IsValid);
    }

    [Fact]
    public void WrongNumbers_AreNamedWithTheirFigures_AsThePageNamesThem()
    {
        Assert.Equal("Hard cap: 400000.125 has 3 decimal places; this column keeps 2.", ColumnValues.Check(HardCap, "400000.125").Error);
        Assert.Equal("Hard cap: -5.00 is below the minimum 0.00.", ColumnValues.Check(HardCap, "-5").Error);
        Assert.Equal("Hard cap: 100,000,000,001.00 is above the maximum 100,000,000,000.00.", ColumnValues.Check(HardCap, "100000000001").Error);
        Assert.Equal("Grace period (days): 2.5 has 1 decimal place; this column takes whole numbers.", ColumnValues.Check(GraceDays, "2.5").Error);
        Assert.Equal("Grace period (days): 400 is above the maximum 365.", ColumnValues.Check(GraceDays, "400").Error);
        Assert.Equal("Hard cap: 'a lot' is not a number (digits, with '.' before decimals).", ColumnValues.Check(HardCap, "a lot").Error);
        Assert.Equal("Name: 11 characters; this column holds at most 10.", ColumnValues.Check(Name, "Standard 25").Error);
    }

    [Fact]
    public void AMoneyColumnOfTheCurrencysPrecision_KeepsTheCurrencysPlaces()
    {
        Assert.Equal("Hard cap: 10.5 has 1 decimal place; this column takes whole numbers.", ColumnValues.Check(HardCap, "10.5", currencyPrecision: 0).Error);
        Assert.Equal("1.2345", ColumnValues.Check(Headroom, "1.2345", currencyPrecision: 0).Canonical);
        Assert.Equal("A number with up to 2 decimal places, from 0.00 to 100,000,000,000.00.", ColumnValues.Hint(HardCap));
    }

    [Fact]
    public void ChoicesAndYesNo_ArePickedByLabel_AndAnUnknownLabelNamesTheChoices()
    {
        Assert.Equal("412500002", ColumnValues.Check(Channel, "edi").Canonical);
        Assert.Equal("no", ColumnValues.Check(Approval, "No").Canonical);
        Assert.Equal("Trusted channel: 'Fax' is not a choice of this column; it takes Web, EDI.", ColumnValues.Check(Channel, "Fax").Error);
        Assert.Equal("EDI", ColumnValues.Display(Channel, "412500002"));
        Assert.Null(ColumnValues.Check(Channel, "(clear)").Canonical);
        Assert.True(ColumnValues.Check(Channel, "(clear)").IsValid);
    }

    [Fact]
    public void Lookups_ArePickedByTheRowsName_AndANameTwoRowsShareIsRefusedWithTheirIds()
    {
        var restricted = Guid.NewGuid().ToString();
        var first = Guid.NewGuid().ToString();
        var second = Guid.NewGuid().ToString();
        IReadOnlyList<ColumnOption> rows = [new(restricted, "Restricted"), new(first, "Twin"), new(second, "Twin")];

        Assert.Equal(restricted, ColumnValues.Check(Policy, "restricted", lookupRows: rows).Canonical);
        Assert.Equal(first, ColumnValues.Check(Policy, first, lookupRows: rows).Canonical);
        Assert.Equal($"Credit policy: 'Twin' names 2 rows; give the row's id instead ({first}, {second}).", ColumnValues.Check(Policy, "Twin", lookupRows: rows).Error);
        Assert.Equal("Restricted", ColumnValues.Display(Policy, restricted, lookupRows: rows));
    }
}
