using CreditOS.CreditEngine.Applications;
using Xunit;
using Candidate = CreditOS.CreditEngine.Applications.LikelyDuplicate.Candidate;
using Customer = CreditOS.CreditEngine.Applications.ApplicationSubject.ExistingCustomer;

namespace CreditOS.CreditEngine.Tests.Applications;

/// <summary>
/// Controls round 14 (session 21): a company that may already be a customer with no number on file is flagged for Finance by
/// name and postal code; round 15 (session 22): by the bureau's registered name at any postal code, and by a name alone when
/// a postal code is missing.
/// </summary>
public sealed class LikelyDuplicateTests
{
    private static readonly Candidate Northwind = new("NORTHWIND TRADERS", "bs14qa", null);

    [Theory]
    [InlineData("Northwind Traders Ltd", "northwind traders")]
    [InlineData("  The Northwind-Traders, Limited ", "northwind traders")]
    [InlineData("Müller & Söhne GmbH", "muller sohne")]
    [InlineData("Ltd.", "")]
    [InlineData(null, "")]
    public void ANameIsCompared_WithoutCaseAccentsPunctuationOrLegalForm(string? name, string expected) =>
        Assert.Equal(expected, LikelyDuplicate.NormalName(name));

    [Fact]
    public void TheSameNameAtTheSamePostalCode_IsAPossibleDuplicate_StatingWhatMatched()
    {
        Assert.Equal(
            "the name 'northwind traders' at postal code BS1 4QA in GB",
            LikelyDuplicate.By(["Northwind Traders Ltd", null], null, " BS1 4QA", "gb", Northwind));
        // Any of the applicant's names (the bureau's registered one included) may match.
        Assert.NotNull(LikelyDuplicate.By(["NW Trading"], "Northwind Traders PLC", "BS1-4QA", null, Northwind));
        Assert.NotNull(LikelyDuplicate.By(["NW Trading", "Northwind Traders PLC"], null, "BS1-4QA", null, Northwind));
    }

    [Fact]
    public void AnotherPostalCode_AnotherCountry_OrAnotherName_IsNotAMatch()
    {
        Assert.Null(LikelyDuplicate.By(["Northwind Traders Ltd"], "Northwind Traders (Cardiff) Ltd", "EC1A 1BB", "GB", Northwind));
        Assert.Null(LikelyDuplicate.By(["Northwind Traders Ltd"], null, "BS1 4QA", "IE", Northwind with { Country = "GB" }));
        Assert.Null(LikelyDuplicate.By(["Northwind Traders Ltd"], "Northwind Traders Ltd", "BS1 4QA", "IE", Northwind with { Country = "GB" }));
        Assert.Null(LikelyDuplicate.By(["Northwind Trading Ltd"], "Northwind Trading Ltd", "BS1 4QA", "GB", Northwind));
        Assert.Null(LikelyDuplicate.By(["Ltd"], null, "BS1 4QA", "GB", Northwind with { Name = "Limited" }));
    }

    [Fact]
    public void TheBureausRegisteredName_MatchesAtAnyPostalCode_ForACustomerWithNoNumberOnFile()
    {
        // Controls round 15: Sam typed another name and postal code on the application and the new account; the bureau's
        // registered name for the registration number he applied under is the customer's.
        Assert.Equal(
            "the bureau's registered name 'northwind traders' in GB (the application gives postal code EC1A 1BB, the customer has bs14qa)",
            LikelyDuplicate.By(["Blue Harbour Supplies"], "NORTHWIND TRADERS LIMITED", "EC1A 1BB", "GB", Northwind));
        // A customer with a number on file is told apart by its numbers (round 13), not by a name at another postal code.
        Assert.Null(LikelyDuplicate.By(["Blue Harbour Supplies"], "Northwind Traders Ltd", "EC1A 1BB", "GB", Northwind with { HasNumberOnFile = true }));
        Assert.NotNull(LikelyDuplicate.By(["Northwind Traders"], null, "BS1 4QA", "GB", Northwind with { HasNumberOnFile = true }));
    }

    [Fact]
    public void ATypedName_MatchesAlone_WhenEitherPostalCodeIsMissing()
    {
        // Controls round 15: leaving the postal code off the application, or a customer with none on file, is no evidence
        // that it is another company (round 14 did not flag these).
        Assert.Equal(
            "the name 'northwind traders' in GB alone (the application gives no postal code, the customer has bs14qa)",
            LikelyDuplicate.By(["Northwind Traders Ltd"], null, null, "GB", Northwind));
        Assert.Equal(
            "the name 'northwind traders' in GB alone (the application gives postal code BS1 4QA, the customer has none on file)",
            LikelyDuplicate.By(["Northwind Traders Ltd"], null, "BS1 4QA", "GB", Northwind with { PostalCode = null }));
        Assert.Null(LikelyDuplicate.By(["Northwind Traders Ltd"], null, null, "GB", Northwind with { HasNumberOnFile = true }));
    }

    [Fact]
    public void OnlyAnAccountWithCreditStanding_IsWorthFlagging()
    {
        Assert.True(LikelyDuplicate.HasCreditStanding(50_000m, 0m, false));
        Assert.True(LikelyDuplicate.HasCreditStanding(0m, 12.5m, false));
        Assert.True(LikelyDuplicate.HasCreditStanding(0m, 0m, true));
        Assert.False(LikelyDuplicate.HasCreditStanding(0m, 0m, false));
    }

    [Fact]
    public void TheSearchWords_AreTheDistinctiveWords_LongestFirst()
    {
        Assert.Equal(["northwind", "traders"], LikelyDuplicate.SearchWords("The Northwind Traders Ltd"));
        Assert.Equal(["supplies", "harbour", "north"], LikelyDuplicate.SearchWords("North Sea Harbour Supplies"));
        Assert.Empty(LikelyDuplicate.SearchWords("Ltd"));
    }

    [Fact]
    public void AFlaggedRequest_IsApprovedOnlyWithAComment_QuotingTheFlagsFigures()
    {
        var note = LikelyDuplicate.Note("the name 'northwind traders' at postal code BS1 4QA in GB", new Customer("Northwind Traders", "50,000.00", "42,000.00", "30,000.00", IsSuspended: true, IsInactive: false));

        var refusal = LikelyDuplicate.UncommentedApprovalRefusal("Initial limit for Northwind Traders Ltd: 25,000.00", "OverCreditLimit, PossibleDuplicateCustomer", note);

        Assert.StartsWith(
            "Possible duplicate: by the name 'northwind traders' at postal code BS1 4QA in GB this company may already be the customer Northwind Traders (credit limit 50,000.00, exposure 42,000.00, overdue 30,000.00; suspended)",
            note,
            StringComparison.Ordinal);
        Assert.Equal(
            "Approving credit approval request 'Initial limit for Northwind Traders Ltd: 25,000.00' needs a comment: its company may already be a customer. " + note + " Say in the comment why it is another company.",
            refusal);
        Assert.Null(LikelyDuplicate.UncommentedApprovalRefusal("r", "OverCreditLimit", note));
        Assert.Null(LikelyDuplicate.UncommentedApprovalRefusal("r", null, null));
    }
}
