using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The syntax of a key segment, as the OData URI parser Dataverse uses reads it (Web API round 15). Its SegmentArgumentParser
/// (OData/odata.net, TryParseFromUri) refuses a property named twice ("Duplicate name"), a trailing comma ("Trailing comma") and a bare
/// value mixed with named ones ("We cannot mix named and non-named values"), and ODataPathParser answers each with its syntax error,
/// "Bad Request - Error in query syntax."; its lexer skips spaces between tokens. Alternate keys are written
/// <c>accounts(accountnumber='ABC123')</c> (Use an alternate key to reference a record). The local host took the last of two values,
/// ignored a trailing comma, called a mix an unknown column, and read a space after '=' as part of the value.
/// </summary>
public sealed class WebApiKeySyntaxProbes
{
    [Theory]
    [InlineData("accounts(accountnumber='ACC-1',accountnumber='ACC-1')")]
    [InlineData("accounts(accountnumber='ACC-1',accountnumber='ACC-2')")]
    [InlineData("accounts(accountnumber='ACC-1',)")]
    public async Task AKeySegmentTheUriParserRefuses_Answers400QuerySyntax_ForReadsAndWrites(string path)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var read = await host.GetAsync($"{path}?$select=name");
        var written = await host.SendAsync(HttpMethod.Patch, path, new JsonObject { ["name"] = "Changed" });

        foreach (var answer in new[] { read, written })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("0x0", answer.ErrorCode);
            Assert.Equal("Bad Request - Error in query syntax.", answer.ErrorMessage);
        }

        Assert.Equal("Contoso", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task AnIdMixedWithNamedKeyValues_IsTheSameSyntaxError_NotAnUnknownColumn()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.GetAsync($"accounts({id},accountnumber='ACC-1')?$select=name");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal("Bad Request - Error in query syntax.", answer.ErrorMessage);
    }

    [Fact]
    public async Task SpacesAroundTheEqualsSignAndComma_AreSkipped_AsTheLexerSkipsThem()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var spaced = await host.GetAsync("accounts(accountnumber%20=%20'ACC-1'%20)?$select=name");
        var plain = await host.GetAsync("accounts(accountnumber='ACC-1')?$select=name");

        Assert.Equal(HttpStatusCode.OK, spaced.Status);
        Assert.Equal(id, spaced.Json["accountid"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.OK, plain.Status);
    }

    [Fact]
    public async Task ABindWithADuplicatedKey_IsRefusedToo_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Parent", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Child",
            ["parentaccountid@odata.bind"] = "/accounts(accountnumber='ACC-1',accountnumber='ACC-1')",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Bad Request - Error in query syntax.", answer.ErrorMessage);
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }
}
