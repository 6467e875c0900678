using CreditOS.CreditEngine.Applications;
using Xunit;
using Figures = CreditOS.CreditEngine.Applications.BureauIdentity.BureauFigures;

namespace CreditOS.CreditEngine.Tests.Applications;

/// <summary>
/// Controls round 16 (session 23): the company the bureau found by the typed registration number must be the applicant by
/// name; a disagreement (or no registered name at all) is flagged for Finance with the bureau's figures.
/// </summary>
public sealed class BureauIdentityTests
{
    private static readonly Figures Clean = new("A", "90", "80,000.00", HasJudgment: false);

    [Theory]
    [InlineData("Northwind Traders Ltd", "NORTHWIND TRADERS LIMITED")]
    [InlineData("Northwind", "Northwind Traders Ltd")]
    [InlineData("Northwind Traders UK", "Northwind Traders Ltd")]
    [InlineData("Müller & Söhne GmbH", "Muller and Sohne")]
    public void NamesThatHoldEachOthersWords_Agree(string typed, string registered) => Assert.True(BureauIdentity.Agrees(typed, registered));

    [Theory]
    [InlineData("Litware Inc", "Clean Company Ltd")]
    [InlineData("Northwind Traders", "Northwind Logistics")]
    [InlineData("Ltd", "Clean Company Ltd")]
    [InlineData("Litware Inc", null)]
    public void OtherNames_OrNone_DoNotAgree(string typed, string? registered) => Assert.False(BureauIdentity.Agrees(typed, registered));

    [Fact]
    public void EveryTypedNameMustAgree_ElseFinanceReadsTheFlagWithTheFigures()
    {
        Assert.Null(BureauIdentity.Mismatch(["Northwind Traders Ltd", "Northwind Traders"], "Northwind Traders Limited", "GB-04712345", "gb", Clean));
        Assert.Equal(
            "Identity not confirmed: the bureau's company for registration number GB-04712345 in GB is registered as 'Clean Company Ltd', not as the applicant 'Litware Inc'. "
            + "The bureau's figures (rating A, solvency 90, recommended credit 80,000.00, no judgment) may be another company's. "
            + "Approve only with a comment saying how the applicant's identity was confirmed; otherwise ask the sales rep or reject.",
            BureauIdentity.Mismatch(["Clean Company Ltd", "Litware Inc", null], "Clean Company Ltd", "GB-04712345", "gb", Clean));
        Assert.StartsWith(
            "Identity not confirmed: the bureau's company for registration number GB-04712345 in GB came with no registered name to compare, not as the applicant 'Litware Inc'.",
            BureauIdentity.Mismatch(["Litware Inc"], " ", "GB-04712345", "GB", Clean),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmsWhereTheReportIsFiled_EveryNameAgreeing_NoneOrNoRegisteredNameFailsClosed()
    {
        Assert.True(BureauIdentity.Confirms(["Northwind Traders Ltd", null, " "], "Northwind Traders Limited"));
        Assert.False(BureauIdentity.Confirms(["Northwind Traders Ltd", "Litware Inc"], "Northwind Traders Limited"));
        Assert.False(BureauIdentity.Confirms([null, " "], "Northwind Traders Limited"));
        Assert.False(BureauIdentity.Confirms(["Northwind Traders Ltd"], null));
    }

    [Fact]
    public void WithoutFigures_TheFlagSaysWhereFinanceReadsThem()
    {
        Assert.Equal(
            "Identity not confirmed: the bureau's company for registration number GB-04712345 in GB is registered as 'Clean Company Ltd', not as the applicant 'Litware Inc'. "
            + "The bureau's figures, which may be another company's, are in the request's verification for Finance. "
            + "Approve only with a comment saying how the applicant's identity was confirmed; otherwise ask the sales rep or reject.",
            BureauIdentity.Mismatch(["Litware Inc"], "Clean Company Ltd", "GB-04712345", "GB", figures: null));
    }

    [Fact]
    public void AnApprovalOfAFlaggedRequest_NeedsAComment()
    {
        Assert.Null(BureauIdentity.UncommentedApprovalRefusal("CAR-1", "PossibleDuplicateCustomer"));
        Assert.NotNull(BureauIdentity.UncommentedApprovalRefusal("CAR-1", "PossibleDuplicateCustomer, BureauNameMismatch"));
    }
}
