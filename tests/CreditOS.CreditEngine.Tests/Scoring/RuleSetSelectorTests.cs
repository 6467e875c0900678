using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Scoring;

public class RuleSetSelectorTests
{
    private static ScoringRuleSet Set(string name, int version, string? group = null, string? industry = null) =>
        new() { Name = name, Version = version, CustomerGroup = group, IndustryVertical = industry, Rules = [] };

    private static readonly IReadOnlyList<ScoringRuleSet> Sets =
    [
        Set("default", 1), Set("default", 2), Set("retail", 1, industry: "Retail"), Set("key", 1, group: "Key"), Set("key", 3, group: "Key"),
    ];

    [Theory]
    [InlineData("Retail", "Key", "key", 3)]
    [InlineData("Retail", "Small", "retail", 1)]
    [InlineData("Wholesale", "Small", "default", 2)]
    public void Select_PrefersCustomerGroupThenIndustryThenDefault_NewestVersion(string industry, string group, string expectedName, int expectedVersion)
    {
        var selected = RuleSetSelector.Select(Sets, new CustomerSegment(industry, group));

        Assert.Equal(expectedName, selected.Name);
        Assert.Equal(expectedVersion, selected.Version);
    }

    [Fact]
    public void Select_WithoutDefault_ExplainsWhatIsMissing()
    {
        var error = Assert.Throws<CreditInputException>(() => RuleSetSelector.Select([Set("retail", 1, industry: "Retail")], new CustomerSegment("Wholesale", "Small")));

        Assert.Contains("No default scoring rule set", error.Message);
    }
}
