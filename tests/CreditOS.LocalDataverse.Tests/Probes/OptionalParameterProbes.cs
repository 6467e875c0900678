using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Optional parameters Microsoft documents ("Use optional parameters", learn.microsoft.com/power-apps/developer/data-platform/
/// optional-parameters). <c>tag</c>: "Use the tag parameter to include a shared variable value that is accessible within a
/// plug-in … use the IExecutionContext.SharedVariables collection" (it was not passed on). <c>SuppressDuplicateDetection</c> false:
/// "If you want to have Dataverse throw an error when a new record you create or a record you update matches the duplicate
/// detection rules … with a value of false"; the local Dataverse runs no such rules, so it refuses the request as not implemented
/// (it was ignored and the row written).
/// </summary>
public sealed class OptionalParameterProbes
{
    [Fact]
    public void TheTagParameter_ReachesThePlugins_AsTheSharedVariableTag()
    {
        using var env = TestEnvironment.Builder().WithPlugin<TagWitnessPlugin>().Build();
        var tagged = new CreateRequest { Target = Rows.Account("Tagged") };
        tagged.Parameters.Add("tag", "A string value");

        env.Service.Execute(tagged);
        env.Service.Create(Rows.Account("Untagged"));

        var traces = env.Dataverse.PluginExecutions.Where(run => run.PluginType == typeof(TagWitnessPlugin)).Select(run => run.Trace.Trim()).ToList();
        Assert.Equal(["tag=A string value", "tag=none"], traces);
    }

    [Fact]
    public void SuppressDuplicateDetectionFalse_IsRefusedAsNotImplemented_AndNothingIsCreated()
    {
        using var env = TestEnvironment.Builder().Build();
        var create = new CreateRequest { Target = Rows.Account("Sample Account") };
        create.Parameters.Add("SuppressDuplicateDetection", false);

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => env.Service.Execute(create));

        Assert.StartsWith("The local Dataverse does not implement duplicate detection rules", fault.Message, StringComparison.Ordinal);
        Assert.Empty(env.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Fact]
    public void SuppressDuplicateDetectionTrue_SuppressesWhatIsNotModelled_AndWrites()
    {
        using var env = TestEnvironment.Builder().Build();
        var create = new CreateRequest { Target = Rows.Account("Sample Account") };
        create.Parameters.Add("SuppressDuplicateDetection", true);

        var id = ((CreateResponse)env.Service.Execute(create)).id;

        Assert.Equal("Sample Account", env.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }
}
