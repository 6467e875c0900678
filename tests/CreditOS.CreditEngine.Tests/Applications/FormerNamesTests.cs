using CreditOS.CreditEngine.Applications;
using Xunit;
using Candidate = CreditOS.CreditEngine.Applications.LikelyDuplicate.Candidate;

namespace CreditOS.CreditEngine.Tests.Applications;

/// <summary>Controls round 16 (session 23): a rename keeps the previous name, and the duplicate check matches it.</summary>
public sealed class FormerNamesTests
{
    [Fact]
    public void ARename_KeepsThePreviousName_ACorrectionOrARepeatKeepsNothing()
    {
        Assert.Equal("NORTHWIND TRADERS", FormerNames.After(null, "NORTHWIND TRADERS", "Harbour Group"));
        Assert.Null(FormerNames.After(null, "NORTHWIND TRADERS", "Northwind Traders Ltd."));
        Assert.Equal("NORTHWIND TRADERS\nHarbour Group", FormerNames.After("NORTHWIND TRADERS", "Harbour Group", "Bristol Holdings"));
        Assert.Null(FormerNames.After("NORTHWIND TRADERS\nHarbour Group", "Northwind Traders Ltd", "Harbour Group"));
        Assert.Equal(["NORTHWIND TRADERS", "Harbour Group"], FormerNames.Of("NORTHWIND TRADERS\n\n Harbour Group \n"));
    }

    [Fact]
    public void WhenFull_TheOldestNamesMakeRoom()
    {
        var stored = string.Join("\n", Enumerable.Range(1, 200).Select(i => "Company number " + i));
        var after = FormerNames.After(stored, "Latest Name Ltd", "Another");

        Assert.True(after!.Length <= FormerNames.MaximumLength);
        Assert.EndsWith("\nLatest Name Ltd", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Company number 1\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormerName_MatchesAsTheCurrentNameDoes_AndSaysSo()
    {
        var renamed = new Candidate("Harbour Group", "BS1 4QA", "GB", FormerNames: "NORTHWIND TRADERS");

        Assert.Equal(
            "the name 'northwind traders' (a former name of the customer) at postal code BS1 4QA in GB",
            LikelyDuplicate.By(["Northwind Traders Ltd"], null, "BS1 4QA", "GB", renamed));
        Assert.Null(LikelyDuplicate.By(["Northwind Traders Ltd"], null, "BS1 4QA", "GB", renamed with { FormerNames = null }));
    }
}
