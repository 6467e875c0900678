using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Deep insert (session 16; it answered 501): "You can create entities related to each other by defining them as navigation properties
/// values … A contact is created because it is defined as an object property of the single-valued navigation property primarycontactid.
/// An opportunity is created because it is defined as an object within an array that is set to the value of a collection-valued
/// navigation property" — the answer is the basic create's, 204 with the OData-EntityId of the posted row; "The URIs for the related
/// entities created aren't returned" (Create a table row using the Web API, "Create related table rows in one operation"). Existing rows
/// are associated on create with "Account_Tasks@odata.bind": ["/tasks(…)"] (same page, "Associate table rows on create"). Every row is
/// its own Create through the pipeline, all in one transaction.
/// </summary>
public sealed class WebApiDeepInsertProbes
{
    [Fact]
    public async Task SingleAndCollectionValuedProperties_CreateTheRelatedRows_Linked_204()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Sample Account",
            ["primarycontactid"] = new JsonObject { ["firstname"] = "John", ["lastname"] = "Smith" },
            ["contact_customer_accounts"] = new JsonArray(new JsonObject { ["lastname"] = "Adams" }, new JsonObject { ["lastname"] = "Baker" }),
            ["Account_Tasks"] = new JsonArray(new JsonObject { ["subject"] = "Call back" }),
        });

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        var account = answer.EntityId;
        Assert.Equal($"{host.Server.ServiceRoot.AbsoluteUri}accounts({account})", answer.Headers["OData-EntityId"]);
        var primary = host.Service.Retrieve("account", account, new ColumnSet("primarycontactid")).GetAttributeValue<EntityReference>("primarycontactid");
        Assert.Equal("Smith", host.Service.Retrieve("contact", primary.Id, new ColumnSet("lastname")).GetAttributeValue<string>("lastname"));
        Assert.Equal(["Adams", "Baker"], Rows(host, "contact", "parentcustomerid", account, "lastname"));
        Assert.Equal(["Call back"], Rows(host, "task", "regardingobjectid", account, "subject"));
    }

    [Fact]
    public async Task EachRelatedRow_RunsItsOwnCreatePipeline_WithTheLookupToItsParent()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Dataverse.RegisterPlugin(typeof(DeepInsertWitnessPlugin));

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Sample Account",
            ["contact_customer_accounts"] = new JsonArray(new JsonObject { ["lastname"] = "Adams" }, new JsonObject { ["lastname"] = "Baker" }),
        });

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        var traces = host.Dataverse.PluginExecutions.Where(run => run.PluginType == typeof(DeepInsertWitnessPlugin)).Select(run => run.Trace.Trim()).ToList();
        Assert.Equal([$"Adams parent={answer.EntityId}", $"Baker parent={answer.EntityId}"], traces);
    }

    [Fact]
    public async Task ARelatedRowRefused_RollsBackEveryRow_AndAnswersItsError()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Dataverse.RegisterPlugin(typeof(DeepInsertWitnessPlugin));

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Sample Account",
            ["primarycontactid"] = new JsonObject { ["lastname"] = "Smith" },
            ["contact_customer_accounts"] = new JsonArray(new JsonObject { ["lastname"] = "Adams" }, new JsonObject { ["lastname"] = "Refused" }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040265", answer.ErrorCode);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") }).Entities);
    }

    [Fact]
    public async Task ARelatedRowWithAnUnknownProperty_IsRefused_400_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Sample Account",
            ["Account_Tasks"] = new JsonArray(new JsonObject { ["subject"] = "Call back" }, new JsonObject { ["Subject"] = "Misspelt" }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Invalid property 'Subject'", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("task") { ColumnSet = new ColumnSet("subject") }).Entities);
    }

    [Fact]
    public async Task CollectionBindOnCreate_AssociatesTheExistingRows_AndReturnRepresentationExpandsThem()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "McKay" });
        var first = host.Service.Create(new Entity("task") { ["subject"] = "Task 1" });
        var second = host.Service.Create(new Entity("task") { ["subject"] = "Task 2" });

        var answer = await host.SendAsync(HttpMethod.Post, "accounts?$select=name&$expand=primarycontactid($select=lastname),Account_Tasks($select=subject;$orderby=subject)", new JsonObject
        {
            ["name"] = "Sample Account",
            ["primarycontactid@odata.bind"] = $"/contacts({contact})",
            ["Account_Tasks@odata.bind"] = new JsonArray($"/tasks({first})", $"/tasks({second})"),
        }, ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal("McKay", answer.Json["primarycontactid"]!["lastname"]!.GetValue<string>());
        Assert.Equal(["Task 1", "Task 2"], answer.Json["Account_Tasks"]!.AsArray().Select(task => task!["subject"]!.GetValue<string>()).ToArray());
        var account = answer.Json["accountid"]!.GetValue<Guid>();
        Assert.Equal(["Task 1", "Task 2"], Rows(host, "task", "regardingobjectid", account, "subject"));
    }

    [Fact]
    public async Task ManyToManyBindOnCreate_WritesTheIntersectRows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Riley Roles");
        var role = host.Dataverse.SolutionRoleId("creditOS Collector");

        var answer = await host.SendAsync(HttpMethod.Post, "teams", new JsonObject
        {
            ["name"] = "Collections West",
            ["businessunitid@odata.bind"] = $"/businessunits({host.Dataverse.RootBusinessUnitId})",
            ["administratorid@odata.bind"] = $"/systemusers({user})",
            ["teamroles_association@odata.bind"] = new JsonArray($"/roles({role})"),
            ["teammembership_association@odata.bind"] = new JsonArray($"/systemusers({user})"),
        });

        Assert.True(answer.Status == HttpStatusCode.NoContent, answer.Text);
        var members = new QueryExpression("teammembership") { ColumnSet = new ColumnSet("systemuserid") };
        members.Criteria.AddCondition("teamid", ConditionOperator.Equal, answer.EntityId);
        Assert.Equal([user], host.Service.RetrieveMultiple(members).Entities.Select(row => row.GetAttributeValue<Guid>("systemuserid")).ToArray());
        var roles = new QueryExpression("teamroles") { ColumnSet = new ColumnSet("roleid") };
        roles.Criteria.AddCondition("teamid", ConditionOperator.Equal, answer.EntityId);
        Assert.Equal([role], host.Service.RetrieveMultiple(roles).Entities.Select(row => row.GetAttributeValue<Guid>("roleid")).ToArray());
    }

    private static string[] Rows(WebApiProbeHost host, string table, string lookup, Guid parent, string column)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(column) };
        query.Criteria.AddCondition(lookup, ConditionOperator.Equal, parent);
        query.AddOrder(column, OrderType.Ascending);
        return host.Service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<string>(column)).ToArray();
    }
}
