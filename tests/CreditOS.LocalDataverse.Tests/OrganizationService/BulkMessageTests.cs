using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.OrganizationService;

/// <summary>
/// CreateMultiple and UpdateMultiple as Microsoft documents them ("Use bulk operation messages"): rows of one table in
/// one request and one transaction, all rolled back on an error; the Create and Update steps run for every row
/// (message pipelines merged) with their filtering attributes and images. Not supported inside a plug-in, so refused
/// loudly there.
/// </summary>
public sealed class BulkMessageTests
{
    [Fact]
    public void CreateMultiple_CreatesEveryRow_ReturnsTheIds_AndRunsTheCreateStepsPerRow()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step("Create", PipelineStageNumber.PreOperation));

        var response = env.Service.Execute(new OrganizationRequest("CreateMultiple")
        {
            ["Targets"] = new EntityCollection([Rows.Account("A"), Rows.Account("B"), Rows.Account("C")]) { EntityName = "account" },
        });

        var ids = Assert.IsType<Guid[]>(response.Results["Ids"]);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(["A", "B", "C"], ids.Select(id => env.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name")));
        Assert.Equal(3, env.Dataverse.PluginExecutions.Count(run => run.Trace.Contains("Create stage 20 target", StringComparison.Ordinal)));
    }

    [Fact]
    public void UpdateMultiple_RunsTheUpdateStepsPerRow_WithTheirFilteringAttributes_AndRollsBackEveryRowOnAnError()
    {
        using var env = TestEnvironment.Create();
        var first = env.Service.Create(Rows.Account("First"));
        var second = env.Service.Create(Rows.Account("Second"));
        env.Dataverse.RegisterStep(Step("Update", PipelineStageNumber.PostOperation, filtering: ["name"]));

        env.Service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("account", first) { ["name"] = "First renamed" }, new Entity("account", second) { ["creditlimit"] = new Money(5m) }]) { EntityName = "account" },
        });
        var failure = FaultAssert.Throws(DataverseErrorCodes.StringLengthTooLong, () => env.Service.Execute(new OrganizationRequest("UpdateMultiple")
        {
            ["Targets"] = new EntityCollection([new Entity("account", first) { ["name"] = "Not kept" }, new Entity("account", second) { ["name"] = new string('x', 200) }]) { EntityName = "account" },
        }));

        Assert.NotNull(failure);
        Assert.Equal("First renamed", env.Service.Retrieve("account", first, new ColumnSet("name")).GetAttributeValue<string>("name"));
        Assert.Equal("Second", env.Service.Retrieve("account", second, new ColumnSet("name")).GetAttributeValue<string>("name"));
        // The filtered step ran for the renamed row of the first request only (and for the row the second rolled back).
        Assert.Equal(2, env.Dataverse.PluginExecutions.Count(run => run.Trace.Contains("Update stage 40 target", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheBulkMessages_RefuseRowsOfAnotherTable()
    {
        using var env = TestEnvironment.Create();

        var fault = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => env.Service.Execute(new OrganizationRequest("CreateMultiple")
        {
            ["Targets"] = new EntityCollection([Rows.Account("A"), Rows.Contact("Smith")]) { EntityName = "account" },
        }));

        Assert.Contains("writes rows of one table", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("account"));
    }

    [Fact]
    public void UpdateMultiple_FromAPlugin_IsRefusedLoudly_AsMicrosoftDoesNotSupportIt_AndNothingIsWritten()
    {
        using var env = TestEnvironment.Create();
        var other = env.Service.Create(Rows.Account("Other"));
        env.Dataverse.RegisterStep(new PluginStepRegistration(typeof(BulkFromAPlugin), Guid.NewGuid(), "Create", "contact", PipelineStageNumber.PostOperation, false, 1, [], null, null, []));
        BulkFromAPlugin.Account = other;

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => env.Service.Create(Rows.Contact("Smith")));

        Assert.Contains("UpdateMultiple from a plug-in or workflow activity: Microsoft does not support the bulk operation messages in plug-ins", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, env.Dataverse.Count("contact"));
        Assert.Equal("Other", env.Service.Retrieve("account", other, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    /// <summary>Sends UpdateMultiple through its own service, as a plug-in that ignored Microsoft's guidance would.</summary>
    public sealed class BulkFromAPlugin : IPlugin
    {
        public static Guid Account { get; set; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!).CreateOrganizationService(null);
            service.Execute(new OrganizationRequest("UpdateMultiple")
            {
                ["Targets"] = new EntityCollection([new Entity("account", Account) { ["name"] = "Renamed by a plug-in" }]) { EntityName = "account" },
            });
        }
    }

    private static PluginStepRegistration Step(string message, PipelineStageNumber stage, IReadOnlyList<string>? filtering = null) =>
        new(typeof(TargetTracingPlugin), Guid.NewGuid(), message, "account", stage, false, 1, filtering ?? [], null, null, []);
}
