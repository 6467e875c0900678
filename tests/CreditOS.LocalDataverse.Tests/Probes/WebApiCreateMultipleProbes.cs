using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Xunit;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// CreateMultiple over the Web API (Web API round 14; it answered 501). The CreateMultiple Action reference
/// (learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/createmultiple) shows
/// <c>POST [Organization Uri]/api/data/v9.2/sample_examples/Microsoft.Dynamics.CRM.CreateMultiple</c> with
/// <c>{"Targets":[{"sample_name":"…","@odata.type":"Microsoft.Dynamics.CRM.sample_example"},…]}</c> ("You must specify the @odata.type
/// annotation with every item in the Targets parameter") answered <c>HTTP/1.1 200 OK</c> with
/// <c>{"@odata.context":"[Organization Uri]/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse","Ids":[…]}</c>
/// (CreateMultipleResponse ComplexType: "Ids … The ID values of the records created"). "Use bulk operation messages"
/// (bulk-operations): one transaction, rolled back whole on any row's error.
/// </summary>
public sealed class WebApiCreateMultipleProbes
{
    private const string Path = "contacts/Microsoft.Dynamics.CRM.CreateMultiple";

    [Fact]
    public async Task CreateMultiple_CreatesEveryRow_AndAnswersTheIdsInOrder()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var bound = Row("Shillo");
        bound["parentcustomerid_account@odata.bind"] = $"/accounts({account:D})";

        var answer = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("Stubberod"), bound));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal($"{host.Server.ServiceRoot.AbsoluteUri}$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse", answer.Json["@odata.context"]!.GetValue<string>());
        var ids = answer.Json["Ids"]!.AsArray().Select(id => Guid.Parse(id!.GetValue<string>())).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal("Stubberod", host.Service.Retrieve("contact", ids[0], new ColumnSet("lastname")).GetAttributeValue<string>("lastname"));
        var second = host.Service.Retrieve("contact", ids[1], new ColumnSet("lastname", "parentcustomerid"));
        Assert.Equal("Shillo", second.GetAttributeValue<string>("lastname"));
        Assert.Equal(account, second.GetAttributeValue<EntityReference>("parentcustomerid").Id);
    }

    [Fact]
    public async Task CreateMultiple_CreatesNothing_WhenOneRowFails()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("Kept out"), Row(new string('x', 300))));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") }).Entities);
    }

    [Fact]
    public async Task CreateMultiple_RefusesWhatItDoesNotRead_AndCreatesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = Row("Account row");
        account["@odata.type"] = "Microsoft.Dynamics.CRM.account";
        var untyped = Row("Untyped");
        untyped.Remove("@odata.type");
        var extra = BulkTargets.Of(Row("Extra"));
        extra["Other"] = 1;
        var nested = Row("Nested");
        nested["parentcustomerid_account"] = new JsonObject { ["name"] = "Deep" };

        var other = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(Row("Kept out"), account));
        var noType = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(untyped));
        var parameter = await host.SendAsync(HttpMethod.Post, Path, extra);
        var deep = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of(nested));
        var empty = await host.SendAsync(HttpMethod.Post, Path, BulkTargets.Of());

        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal(HttpStatusCode.NotImplemented, noType.Status);
        Assert.Contains("@odata.type", noType.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, parameter.Status);
        Assert.Contains("'Other'", parameter.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotImplemented, deep.Status);
        Assert.Contains("parentcustomerid_account", deep.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") }).Entities);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    private static JsonObject Row(string lastName) => new() { ["lastname"] = lastName, ["@odata.type"] = "Microsoft.Dynamics.CRM.contact" };
}
