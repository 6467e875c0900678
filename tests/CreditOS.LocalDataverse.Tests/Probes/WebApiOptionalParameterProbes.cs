using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The Web API's optional parameters ("Use optional parameters", optional-parameters): "Usually, you add the parameter as a request
/// header with the MSCRM. namespace. Two exceptions are the following that are appended to the URL. The tag parameter…", read by
/// plug-ins as SharedVariables["tag"] (Microsoft's example: POST accounts?tag=A%20string%20value); it was ignored. "MSCRM.
/// SuppressDuplicateDetection: false" answers 412 0x80040333 on a duplicate; the local Dataverse runs no duplicate detection rules,
/// so it answers 501 and writes nothing (the header was ignored and the row created). Every example sends "If-None-Match: null",
/// which changes nothing (already so).
/// </summary>
public sealed class WebApiOptionalParameterProbes
{
    [Fact]
    public async Task TheTagInTheUrl_ReachesThePlugins_AsTheSharedVariableTag()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Dataverse.RegisterPlugin(typeof(TagWitnessPlugin));

        var tagged = await host.SendAsync(HttpMethod.Post, "accounts?tag=A%20string%20value", new JsonObject { ["name"] = "Sample Account" }, ("If-None-Match", "null"));
        var untagged = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Other Account" });

        Assert.Equal(HttpStatusCode.NoContent, tagged.Status);
        Assert.Equal(HttpStatusCode.NoContent, untagged.Status);
        var traces = host.Dataverse.PluginExecutions.Where(run => run.PluginType == typeof(TagWitnessPlugin)).Select(run => run.Trace.Trim()).ToList();
        Assert.Equal(["tag=A string value", "tag=none"], traces);
    }

    [Fact]
    public async Task SuppressDuplicateDetectionFalse_Answers501_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Sample Account" }, ("MSCRM.SuppressDuplicateDetection", "false"));
        var suppressed = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Suppressed" }, ("MSCRM.SuppressDuplicateDetection", "true"));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, suppressed.Status);
        var names = host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Select(row => row.GetAttributeValue<string>("name"));
        Assert.Equal(["Suppressed"], names);
    }

    [Fact]
    public async Task IfNoneMatchNull_AsInMicrosoftsExamples_ChangesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");

        var row = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", "null"));

        Assert.Equal(HttpStatusCode.OK, row.Status);
        Assert.Equal("Contoso", row.Json["name"]!.GetValue<string>());
    }
}
