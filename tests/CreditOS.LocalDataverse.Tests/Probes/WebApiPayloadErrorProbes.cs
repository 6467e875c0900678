using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: a body the OData library cannot deserialize (a value of another JSON type than its property's Edm type, a body that
/// is not JSON or not an object) fails before Dataverse sees the row, with the payload error 0x80048d19 "Error identified in Payload
/// provided by the user for Entity :'accounts', For more information on this error please follow this help link
/// https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : …" (Troubleshoot Dataverse Web API client errors, "Error
/// identified in Payload provided by the user for Entity"; the inner message is the OData library's "Cannot convert the literal '…' to
/// the expected type 'Edm.Int32'."). The local host answered InvalidArgument 0x80040203 "Cannot convert the value … to type Integer."
/// Values Dataverse itself refuses after reading them (a choice value outside its options, a string over MaxLength) keep their codes.
/// </summary>
public sealed class WebApiPayloadErrorProbes
{
    private const string Prefix = "Error identified in Payload provided by the user for Entity :'accounts', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: ";

    [Theory]
    [InlineData("numberofemployees", "\"many\"", "many", "Edm.Int32")]
    [InlineData("numberofemployees", "1.5", "1.5", "Edm.Int32")]
    [InlineData("revenue", "\"lots\"", "lots", "Edm.Decimal")]
    [InlineData("creditonhold", "\"yes\"", "yes", "Edm.Boolean")]
    [InlineData("industrycode", "\"Accounting\"", "Accounting", "Edm.Int32")]
    [InlineData("name", "42", "42", "Edm.String")]
    public async Task AValueOfAnotherTypeThanItsProperty_IsThePayloadError_AndNothingIsCreated(string property, string json, string literal, string edmType)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await Post(host, property == "name" ? "{\"name\":" + json + "}" : "{\"name\":\"Contoso\",\"" + property + "\":" + json + "}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.Equal(Prefix + $"Cannot convert the literal '{literal}' to the expected type '{edmType}'.", answer.ErrorMessage);
        Assert.Empty((await host.GetAsync("accounts?$select=name")).Json["value"]!.AsArray());
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[{\"name\":\"Contoso\"}]")]
    public async Task ABodyThatIsNotAJsonObject_IsThePayloadError(string body)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await Post(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.StartsWith(Prefix, answer.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// "Multiple properties with the name 'name' were detected in a resource or a complex value. In OData, duplicate property names are
    /// not allowed." (the OData library's duplicate property check): the local host answered an empty 500.
    /// </summary>
    [Fact]
    public async Task APropertyGivenTwice_IsThePayloadError_NotAServerError()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await Post(host, "{\"name\":\"Contoso\",\"name\":\"Fabrikam\"}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.Equal(Prefix + "Multiple properties with the name 'name' were detected in a resource or a complex value. In OData, duplicate property names are not allowed.", answer.ErrorMessage);
        Assert.Empty((await host.GetAsync("accounts?$select=name")).Json["value"]!.AsArray());
    }

    [Fact]
    public async Task ValuesDataverseRefusesAfterReadingThem_KeepTheirOwnCodes()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var option = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso", ["industrycode"] = 999999 });
        var length = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = new string('x', 161) });

        Assert.Equal(HttpStatusCode.BadRequest, option.Status);
        Assert.Equal("0x8004431a", option.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, length.Status);
        Assert.Equal("0x80044331", length.ErrorCode);
    }

    private static async Task<WebApiProbeHost.Answer> Post(WebApiProbeHost host, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("accounts", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await host.Http.SendAsync(request);
        return new WebApiProbeHost.Answer(response.StatusCode, new Dictionary<string, string>(), await response.Content.ReadAsStringAsync());
    }
}
