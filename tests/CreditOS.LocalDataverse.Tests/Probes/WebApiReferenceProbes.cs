using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Associate and disassociate with /$ref (session 16), as "Associate and disassociate table rows using the Web API"
/// (webapi/associate-disassociate-entities-using-web-api) shows them: POST {row}/{collection}/$ref and PUT {row}/{single}/$ref with
/// {"@odata.id": …} answer 204; DELETE …/$ref?$id=…, DELETE {row}/{collection}(id)/$ref and DELETE {row}/{single}/$ref answer 204. "This is
/// a 1:N relationship but you can perform the same operation for an N:N relationship." They answered 501. They run as the organization
/// service's Associate/Disassociate, so its privilege checks apply: a caller without Write on the row whose lookup changes, or without
/// Append on a many-to-many row, is refused 403 and nothing changes.
/// </summary>
public sealed class WebApiReferenceProbes
{
    [Fact]
    public async Task PostRef_OnAOneToManyCollection_SetsTheRelatedRowsLookup_204()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });

        var answer = await host.SendAsync(HttpMethod.Post, $"accounts({account})/contact_customer_accounts/$ref",
            new JsonObject { ["@odata.id"] = $"{host.Server.ServiceRoot.AbsoluteUri}contacts({contact})" });

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(string.Empty, answer.Text);
        Assert.Equal(account, ParentCustomer(host, contact)?.Id);
    }

    [Fact]
    public async Task PutRef_OnASingleValuedProperty_WithARelativeId_SetsTheLookup_AndDeleteRefClearsIt()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });

        var put = await host.SendAsync(HttpMethod.Put, $"contacts({contact})/parentcustomerid_account/$ref",
            new JsonObject { ["@odata.id"] = $"accounts({account})" });
        var linked = ParentCustomer(host, contact)?.Id;
        var delete = await host.SendAsync(HttpMethod.Delete, $"contacts({contact})/parentcustomerid_account/$ref");

        Assert.Equal(HttpStatusCode.NoContent, put.Status);
        Assert.Equal(account, linked);
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Null(ParentCustomer(host, contact));
    }

    [Fact]
    public async Task PutRef_OnASelfReferencingLookup_SetsTheChildsParent_NotTheOtherWayRound()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var parent = SolutionRows.Account(host.Service, "Parent");
        var child = SolutionRows.Account(host.Service, "Child");

        var answer = await host.SendAsync(HttpMethod.Put, $"accounts({child})/parentaccountid/$ref", new JsonObject { ["@odata.id"] = $"accounts({parent})" });

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(parent, host.Service.Retrieve("account", child, new ColumnSet("parentaccountid")).GetAttributeValue<EntityReference>("parentaccountid")?.Id);
        Assert.Null(host.Service.Retrieve("account", parent, new ColumnSet("parentaccountid")).GetAttributeValue<EntityReference>("parentaccountid"));
    }

    [Fact]
    public async Task DeleteRef_OnACollection_ByIdQueryOrByKey_RemovesTheLink()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var first = Contact(host, "First", account);
        var second = Contact(host, "Second", account);

        var byId = await host.SendAsync(HttpMethod.Delete,
            $"accounts({account})/contact_customer_accounts/$ref?$id={host.Server.ServiceRoot.AbsoluteUri}contacts({first})");
        var byKey = await host.SendAsync(HttpMethod.Delete, $"accounts({account})/contact_customer_accounts({second})/$ref");

        Assert.Equal(HttpStatusCode.NoContent, byId.Status);
        Assert.Equal(HttpStatusCode.NoContent, byKey.Status);
        Assert.Null(ParentCustomer(host, first));
        Assert.Null(ParentCustomer(host, second));
    }

    [Fact]
    public async Task PostRef_OnAManyToManyCollection_WritesTheIntersectRow_AndDeleteRefRemovesIt()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Riley Roles");
        var role = host.Dataverse.SolutionRoleId("creditOS Collector");

        var post = await host.SendAsync(HttpMethod.Post, $"systemusers({user})/systemuserroles_association/$ref",
            new JsonObject { ["@odata.id"] = $"{host.Server.ServiceRoot.AbsoluteUri}roles({role})" });
        var afterPost = RolesOf(host, user);
        var again = await host.SendAsync(HttpMethod.Post, $"systemusers({user})/systemuserroles_association/$ref",
            new JsonObject { ["@odata.id"] = $"roles({role})" });
        var delete = await host.SendAsync(HttpMethod.Delete, $"systemusers({user})/systemuserroles_association({role})/$ref");

        Assert.Equal(HttpStatusCode.NoContent, post.Status);
        Assert.Equal([role], afterPost);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.Status); // the organization service's DuplicateRecord for an existing link
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Empty(RolesOf(host, user));
    }

    [Fact]
    public async Task PostRef_ToARowOfAnotherTable_IsRefused_400_AndNothingChanges()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var other = SolutionRows.Account(host.Service, "Other");

        var answer = await host.SendAsync(HttpMethod.Post, $"accounts({account})/contact_customer_accounts/$ref", new JsonObject { ["@odata.id"] = $"accounts({other})" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Microsoft.Dynamics.CRM.contact", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefBody_WithoutOdataId_IsRefused_400()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });

        var answer = await host.SendAsync(HttpMethod.Post, $"accounts({account})/contact_customer_accounts/$ref", new JsonObject { ["contactid"] = contact.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Null(ParentCustomer(host, contact));
    }

    [Fact]
    public async Task PostRef_OnASingleValuedProperty_IsRefused_405_PutIsTheMethod()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });

        var answer = await host.SendAsync(HttpMethod.Post, $"contacts({contact})/parentcustomerid_account/$ref", new JsonObject { ["@odata.id"] = $"accounts({account})" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Null(ParentCustomer(host, contact));
    }

    /// <summary>The Integration role has no privilege on contact: associating a contact (an Update of its lookup) needs Write on it.</summary>
    [Fact]
    public async Task PostRef_WithoutWriteOnTheRelatedRow_IsRefused_403_AndNothingChanges()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Integration");
        var account = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });

        var answer = await host.SendAsync(HttpMethod.Post, $"accounts({account})/contact_customer_accounts/$ref", new JsonObject { ["@odata.id"] = $"contacts({contact})" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Null(ParentCustomer(host, contact));
    }

    /// <summary>A many-to-many Associate asks Append on the row and AppendTo on the related one; the Integration role has neither on systemuser/role.</summary>
    [Fact]
    public async Task PostRef_OnAManyToMany_WithoutAppend_IsRefused_403_AndNoIntersectRowIsWritten()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Integration");
        var user = host.Dataverse.CreateUser("Riley Roles");
        var role = host.Dataverse.SolutionRoleId("creditOS Collector");

        var answer = await host.SendAsync(HttpMethod.Post, $"systemusers({user})/systemuserroles_association/$ref", new JsonObject { ["@odata.id"] = $"roles({role})" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Empty(RolesOf(host, user));
    }

    private static Guid Contact(WebApiProbeHost host, string name, Guid account) =>
        host.Service.Create(new Entity("contact") { ["lastname"] = name, ["parentcustomerid"] = new EntityReference("account", account) });

    private static EntityReference? ParentCustomer(WebApiProbeHost host, Guid contact) =>
        host.Service.Retrieve("contact", contact, new ColumnSet("parentcustomerid")).GetAttributeValue<EntityReference>("parentcustomerid");

    private static Guid[] RolesOf(WebApiProbeHost host, Guid user)
    {
        var query = new QueryExpression("systemuserroles") { ColumnSet = new ColumnSet("roleid") };
        query.Criteria.AddCondition("systemuserid", ConditionOperator.Equal, user);
        return host.Service.RetrieveMultiple(query).Entities.Select(row => row.GetAttributeValue<Guid>("roleid")).ToArray();
    }
}
