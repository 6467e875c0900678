using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

public sealed class AccountingAndCustomApiTests
{
    [Fact]
    public void PluginExecution_CountsServiceCallsAndRowsRead()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ParentReadingPlugin>().Build();
        var account = env.Service.Create(Rows.Account("Parent"));
        var contact = Rows.Contact("Smith");
        contact["parentcustomerid"] = new EntityReference("account", account);

        env.Service.Create(contact);

        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(ParentReadingPlugin));
        Assert.Equal(1, run.ServiceCalls);
        Assert.Equal(1, run.RowsReturned);
        Assert.Equal(1, run.RowsExamined);
        Assert.Contains("parent=Parent", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomApi_RunsItsPluginAsTheMainOperation_AndReturnsTheDeclaredResponse()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ExposureCustomApi>().Build();
        var account = env.Service.Create(Rows.Account("Contoso", 80_000m));

        var response = env.Service.Execute(new OrganizationRequest(ExposureCustomApi.Name) { ["Target"] = new EntityReference("account", account) });

        Assert.Equal(40_000m, ((Money)response["Headroom"]).Value);
        Assert.Equal(30, env.Dataverse.PluginExecutions.Single().Stage);
    }

    [Fact]
    public void CustomApi_WithOptionalParameter_UsesIt()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ExposureCustomApi>().Build();
        var account = env.Service.Create(Rows.Account("Contoso", 80_000m));

        var response = env.Service.Execute(new OrganizationRequest(ExposureCustomApi.Name)
        {
            ["Target"] = new EntityReference("account", account),
            ["Factor"] = 0.25m,
        });

        Assert.Equal(20_000m, ((Money)response["Headroom"]).Value);
    }

    [Fact]
    public void CustomApi_WithUndeclaredParameter_Fails()
    {
        using var env = TestEnvironment.Builder().WithPlugin<ExposureCustomApi>().Build();
        var account = env.Service.Create(Rows.Account("Contoso", 80_000m));

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Execute(new OrganizationRequest(ExposureCustomApi.Name)
        {
            ["Target"] = new EntityReference("account", account),
            ["Surprise"] = 1,
        }));
    }
}
