using CreditOS.Solution.Packing;
using CreditOS.Solution.Tests.Support;

namespace CreditOS.Solution.Tests.Packing;

public sealed class AssemblyRegistrationReaderTests
{
    private static readonly CreditOS.Solution.Packing.Registrations.PluginAssemblyDescription Fixture =
        AssemblyRegistrationReader.Read(FixtureAssembly.Path, FrameworkReferenceAssemblies.Find());

    [Fact]
    public void Read_FindsPluginTypesAndWorkflowActivities()
    {
        Assert.Equal(
            ["CreditOS.Solution.Fixtures.AccountLimitChanged", "CreditOS.Solution.Fixtures.OrderEntered", "CreditOS.Solution.Fixtures.PaymentPosted", "CreditOS.Solution.Fixtures.RescoreAccountApi"],
            Fixture.PluginTypes);
        Assert.Equal(["CreditOS.Solution.Fixtures.RouteForApproval"], Fixture.WorkflowActivityTypes);
        Assert.True(Fixture.IsStrongNamed);
        Assert.StartsWith("CreditOS.Solution.Fixtures, Version=", Fixture.FullName, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TakesStepSettingsFromTheAttributes()
    {
        var step = Fixture.Steps.Single(s => s.PluginTypeName.EndsWith("AccountLimitChanged", StringComparison.Ordinal));

        Assert.Equal(("Update", "account", 20, 2), (step.Message, step.PrimaryEntity, step.Stage, step.Rank));
        Assert.Equal(["creditlimit", "cos_credittierid"], step.FilteringAttributes);
        var image = Assert.Single(step.Images);
        Assert.Equal(("before", 0), (image.Alias, image.Type));
        Assert.Equal(["creditlimit", "cos_exposure"], image.Attributes);
    }

    [Fact]
    public void Read_TakesModeAndConfiguration()
    {
        var step = Fixture.Steps.Single(s => s.Message == "Create" && s.PrimaryEntity == "cos_payment");

        Assert.Equal(1, step.Mode);
        Assert.Equal("mode=event", step.UnsecureConfiguration);
        Assert.Equal(1, step.Rank);
    }

    [Fact]
    public void Read_TakesCustomApiWithItsParameters()
    {
        var api = Assert.Single(Fixture.CustomApis);

        Assert.Equal(("cos_RescoreAccount", "account"), (api.UniqueName, api.BoundEntity));
        Assert.Equal("account", Assert.Single(api.RequestParameters).EntityLogicalName);
        Assert.Equal(["RiskScore", "Reasons"], api.ResponseProperties.Select(p => p.UniqueName));
    }
}
