using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): the JSON shape of an <c>@odata.bind</c> value. The OData library reads the annotation as a quoted
/// string, or an array of them for a collection-valued navigation property, before Dataverse sees the row; any other shape is its
/// ODataException, answered as the payload error 0x80048d19 "Error identified in Payload provided by the user for Entity :'…'"
/// (Troubleshoot Dataverse Web API client errors) with the library's message (OData/odata.net, SRResources:
/// JsonReaderExtensions_CannotReadPropertyValueAsString, JsonReaderExtensions_UnexpectedNodeDetected, EmptyBindArray,
/// ArrayValueForSingletonBindPropertyAnnotation, StringValueForCollectionBindPropertyAnnotation). The local host answered an empty
/// 500 for the single-valued shapes, created the row for an empty array and answered 501 for a string on a collection.
/// </summary>
public sealed class WebApiBindValueShapeProbes
{
    private const string Prefix = "Error identified in Payload provided by the user for Entity :'contacts', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: ";

    [Theory]
    [InlineData("5", "Cannot read the value '5' for the property 'odata.bind' as a quoted JSON string value.")]
    [InlineData("true", "Cannot read the value 'True' for the property 'odata.bind' as a quoted JSON string value.")]
    [InlineData("{\"accountid\":\"00000000-0000-0000-0000-000000000001\"}", "An unexpected 'StartObject' node was found when reading from the JSON reader. A 'PrimitiveValue' node was expected.")]
    [InlineData("[\"/accounts(ACCOUNT)\"]", "The resource reference navigation property 'parentcustomerid_account' has a property annotation 'odata.bind' with an array value. Resource reference navigation properties can only have a property annotation 'odata.bind' with a string value.")]
    [InlineData("[]", "The value of 'odata.bind' property annotation is an empty array. The 'odata.bind' property annotation must have a non-empty array as its value.")]
    public async Task ASingleValuedBindThatIsNotAString_IsThePayloadError_AndCreatesNothing(string value, string inner)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var body = JsonNode.Parse($"{{\"lastname\":\"Shape\",\"parentcustomerid_account@odata.bind\":{value.Replace("ACCOUNT", account.ToString(), StringComparison.Ordinal)}}}")!.AsObject();

        var answer = await host.SendAsync(HttpMethod.Post, "contacts", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.Equal(Prefix + inner, answer.ErrorMessage);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [Fact]
    public async Task ANumberInAnUpdate_IsThePayloadError_AndChangesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Before" });

        var answer = await host.SendAsync(HttpMethod.Patch, $"contacts({contact})",
            new JsonObject { ["lastname"] = "After", ["parentcustomerid_account@odata.bind"] = 7 }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(Prefix + "Cannot read the value '7' for the property 'odata.bind' as a quoted JSON string value.", answer.ErrorMessage);
        Assert.Equal("Before", host.Service.Retrieve("contact", contact, new ColumnSet("lastname")).GetAttributeValue<string>("lastname"));
    }

    [Theory]
    [InlineData("[]", "The value of 'odata.bind' property annotation is an empty array. The 'odata.bind' property annotation must have a non-empty array as its value.")]
    [InlineData("\"/contacts(CONTACT)\"", "The resource set reference navigation property 'contact_customer_accounts' has a property annotation 'odata.bind' with a string value. Resource set reference navigation properties can only have a property annotation 'odata.bind' with an array value.")]
    [InlineData("[5]", "Cannot read the value '5' for the property 'odata.bind' as a quoted JSON string value.")]
    public async Task ACollectionBindThatIsNotAnArrayOfStrings_IsThePayloadError_AndCreatesNothing(string value, string inner)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });
        var body = JsonNode.Parse($"{{\"name\":\"Shape\",\"contact_customer_accounts@odata.bind\":{value.Replace("CONTACT", contact.ToString(), StringComparison.Ordinal)}}}")!.AsObject();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.Equal(Prefix.Replace("'contacts'", "'accounts'", StringComparison.Ordinal) + inner, answer.ErrorMessage);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    /// <summary>A row nested for a deep insert is read by the same library: its bind is checked too, and nothing is created.</summary>
    [Fact]
    public async Task ABindInANestedRow_IsCheckedToo()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Parent",
            ["contact_customer_accounts"] = new JsonArray(new JsonObject { ["lastname"] = "Child", ["parentcustomerid_account@odata.bind"] = 1 }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.EndsWith("Cannot read the value '1' for the property 'odata.bind' as a quoted JSON string value.", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    /// <summary>Controls: a URL string binds, and null disassociates as Microsoft documents ("parentcustomerid_account@odata.bind": null).</summary>
    [Fact]
    public async Task AStringBinds_AndNullStillDisassociates()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var created = await host.SendAsync(HttpMethod.Post, "contacts",
            new JsonObject { ["lastname"] = "Bound", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})" });
        Assert.Equal(HttpStatusCode.NoContent, created.Status);

        var cleared = await host.SendAsync(HttpMethod.Patch, $"contacts({created.EntityId})",
            new JsonObject { ["parentcustomerid_account@odata.bind"] = null }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.False(host.Service.Retrieve("contact", created.EntityId, new ColumnSet("parentcustomerid")).Contains("parentcustomerid"));
    }
}
