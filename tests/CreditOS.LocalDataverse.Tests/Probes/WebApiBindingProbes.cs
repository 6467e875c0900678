using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Lookups are set with the single-valued navigation property's exact name and @odata.bind ("Associate table rows on
/// create", learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api#associate-table-rows-on-create):
/// a polymorphic lookup names its target (customerid_account, customerid_contact); the logical name or other casing is an
/// undeclared property (0x80048d19); a bind to a missing row is ObjectDoesNotExist. Alternate keys address rows in the URL,
/// several columns comma-separated and strings quoted with '' for a quote ("Use an alternate key to reference a record").
/// </summary>
public sealed class WebApiBindingProbes
{
    [Fact]
    public async Task APolymorphicLookup_IsBoundThroughItsTargetsNavigationProperty()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Buyer" });

        var forAccount = await host.SendAsync(HttpMethod.Post, "salesorders", new JsonObject { ["name"] = "A", ["customerid_account@odata.bind"] = $"/accounts({account})" });
        var forContact = await host.SendAsync(HttpMethod.Post, "salesorders", new JsonObject { ["name"] = "C", ["customerid_contact@odata.bind"] = $"contacts({contact})" });
        var mismatched = await host.SendAsync(HttpMethod.Post, "salesorders", new JsonObject { ["name"] = "X", ["customerid_account@odata.bind"] = $"/contacts({contact})" });

        Assert.Equal(HttpStatusCode.NoContent, forAccount.Status);
        Assert.Equal(HttpStatusCode.NoContent, forContact.Status);
        Assert.Equal(new EntityReference("account", account).Id, host.Service.Retrieve("salesorder", forAccount.EntityId, new ColumnSet("customerid")).GetAttributeValue<EntityReference>("customerid").Id);
        Assert.Equal("contact", host.Service.Retrieve("salesorder", forContact.EntityId, new ColumnSet("customerid")).GetAttributeValue<EntityReference>("customerid").LogicalName);
        Assert.Equal(HttpStatusCode.BadRequest, mismatched.Status);
        Assert.Equal("0x80060888", mismatched.ErrorCode);
    }

    [Theory]
    [InlineData("customerid@odata.bind")]
    [InlineData("CustomerId_account@odata.bind")]
    [InlineData("customerid_Account@odata.bind")]
    public async Task ANavigationPropertyNotSpeltExactly_IsRefused(string property)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);

        var answer = await host.SendAsync(HttpMethod.Post, "salesorders", new JsonObject { ["name"] = "A", [property] = $"/accounts({account})" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        // "parentcustomerid@odata.bind" answers 400 code "0x80048d19" "Error identified in Payload provided by the user for Entity
        // :'contacts' ----> InnerException : Microsoft.OData.ODataException: An undeclared property 'parentcustomerid' …" (Troubleshoot
        // Dataverse Web API client errors).
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.StartsWith("Error identified in Payload provided by the user for Entity :'salesorders'  ---->  InnerException : Microsoft.OData.ODataException: An undeclared property '" + property[..^"@odata.bind".Length] + "'", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABindToAMissingRow_IsRefused_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var missing = Guid.NewGuid();

        var answer = await host.SendAsync(HttpMethod.Post, "cos_receivables", new JsonObject
        {
            ["cos_invoicenumber"] = "INV-1", ["cos_sourcesystem"] = "SAP", ["cos_erpid"] = "INV-1",
            ["cos_AccountId@odata.bind"] = $"/accounts({missing})",
        });

        Assert.Equal("0x80040217", answer.ErrorCode);
        Assert.Contains(missing.ToString("D"), answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("cos_receivable") { ColumnSet = new ColumnSet("cos_erpid") }).Entities);
    }

    [Fact]
    public async Task AMultiColumnAlternateKey_WithAQuoteInAValue_AddressesTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        host.Service.Create(new Entity("cos_payment")
        {
            ["cos_sourcesystem"] = "O'Brien ERP", ["cos_erpid"] = "P-1", ["cos_amount"] = new Money(5m),
            ["cos_accountid"] = new EntityReference("account", account),
        });

        var found = await host.GetAsync("cos_payments(cos_sourcesystem='O''Brien ERP',cos_erpid='P-1')?$select=cos_amount");
        var missing = await host.GetAsync("cos_payments(cos_sourcesystem='O''Brien ERP',cos_erpid='P-2')?$select=cos_amount");

        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal(5m, found.Json["cos_amount"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        // RecordNotFoundByEntityKey (reference/web-service-error-codes; Web API round 9).
        Assert.Equal("0x80060891", missing.ErrorCode);
    }

    /// <summary>
    /// An activity's regarding lookup binds as "regardingobjectid_account_task@odata.bind" (Execute batch operations using the Web API,
    /// its task examples); session 16: it was named regardingobjectid_account here, which Dataverse does not declare.
    /// </summary>
    [Fact]
    public async Task ATasksRegardingLookup_BindsByItsActivityQualifiedName_AndTheShortNameIsRefused()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);

        var bound = await host.SendAsync(HttpMethod.Post, "tasks", new JsonObject
        {
            ["subject"] = "Task 1 in batch", ["regardingobjectid_account_task@odata.bind"] = $"accounts({account})",
        });
        var shortName = await host.SendAsync(HttpMethod.Post, "tasks", new JsonObject
        {
            ["subject"] = "Task 2", ["regardingobjectid_account@odata.bind"] = $"accounts({account})",
        });

        Assert.Equal(HttpStatusCode.NoContent, bound.Status);
        Assert.Equal(account, host.Service.Retrieve("task", bound.EntityId, new ColumnSet("regardingobjectid")).GetAttributeValue<EntityReference>("regardingobjectid").Id);
        Assert.Equal(HttpStatusCode.BadRequest, shortName.Status);
        Assert.Equal("0x80048d19", shortName.ErrorCode);
    }
}
