using System.ServiceModel;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Pipeline;

/// <summary>
/// The table a FetchXML RetrieveMultiple runs its steps for (session 21): the name now comes from the query engine's parse cache
/// when the same text was parsed before, and from the text otherwise. Both ways must find the same steps, and malformed XML
/// must still name no table (its fault comes from the query engine, with no step of the table run first).
/// </summary>
public sealed class FetchXmlStepLookupTests
{
    // A text no other test sends, so the first run below is a parse-cache miss and the second a hit.
    private const string Fetch = "<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='name' operator='eq' value='Step lookup 21' /></filter></entity></fetch>";

    [Fact]
    public void TheSameFetchXmlRunTwice_RunsTheTablesStepBothTimes_FromTheTextAndFromTheParsedQuery()
    {
        using var env = WithWitness();
        env.Service.Create(Rows.Account("Step lookup 21"));

        var first = env.Service.RetrieveMultiple(new FetchExpression(Fetch)).Entities.Count;
        var second = env.Service.RetrieveMultiple(new FetchExpression(Fetch)).Entities.Count;

        Assert.Equal((1, 1), (first, second));
        Assert.Equal(2, env.Dataverse.PluginExecutions.Count(run => run.PluginType == typeof(AccountQueryWitness)));
    }

    [Fact]
    public void MalformedFetchXml_RunsNoStepOfTheTable_AndFaults()
    {
        using var env = WithWitness();

        Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Service.RetrieveMultiple(new FetchExpression("<fetch><entity name='account'><attribute name='name'></entity></fetch>")));

        Assert.DoesNotContain(env.Dataverse.PluginExecutions, run => run.PluginType == typeof(AccountQueryWitness));
    }

    /// <summary>
    /// Session 28: a new text's step lookup parses it as the query engine does and keeps the parse; a text that is XML but
    /// not a query the engine answers (here an unknown attribute on the entity) still names its table, so the table's step
    /// runs before the engine's fault, as before.
    /// </summary>
    [Fact]
    public void WellFormedFetchXmlTheEngineRefuses_StillRunsTheTablesStep_ThenFaults()
    {
        using var env = WithWitness();

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='account' colour='blue'><attribute name='name' /></entity></fetch>")));

        Assert.Contains("colour", fault.Message, StringComparison.Ordinal);
        Assert.Single(env.Dataverse.PluginExecutions, run => run.PluginType == typeof(AccountQueryWitness));
    }

    /// <summary>Texts that differ only in a value are separate queries: each answers with its own rows, its step run each time.</summary>
    [Fact]
    public void TextsDifferingOnlyInTheirValue_EachAnswerTheirOwnRows()
    {
        using var env = WithWitness();
        env.Service.Create(Rows.Account("Step lookup 28 a"));
        env.Service.Create(Rows.Account("Step lookup 28 b"));
        env.Service.Create(Rows.Account("Step lookup 28 b"));

        int Count(string name) => env.Service.RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='account'><attribute name='name' /><filter><condition attribute='name' operator='eq' value='{name}' /></filter></entity></fetch>")).Entities.Count;

        Assert.Equal((1, 2, 1, 2), (Count("Step lookup 28 a"), Count("Step lookup 28 b"), Count("Step lookup 28 a"), Count("Step lookup 28 b")));
        Assert.Equal(4, env.Dataverse.PluginExecutions.Count(run => run.PluginType == typeof(AccountQueryWitness)));
    }

    private static Testing.DataverseTestContext WithWitness()
    {
        var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(new PluginStepRegistration(typeof(AccountQueryWitness), Guid.NewGuid(), "RetrieveMultiple", "account", PipelineStageNumber.PreOperation, false, 1, [], null, null, []));
        return env;
    }

    public sealed class AccountQueryWitness : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider) =>
            ((ITracingService)serviceProvider.GetService(typeof(ITracingService))!).Trace("account query");
    }
}
