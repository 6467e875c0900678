using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The right-hand side of a $filter comparison. "Column comparison: … the following query returns contacts where the firstname
/// equals the lastname: $filter=firstname eq lastname … the column types must match" (Filter rows using OData,
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows): a bare name is the row's other column. The
/// local host compared with the text 'lastname' (no row, 200). A literal is of one OData type (OData URL conventions, primitive
/// literals: strings quoted, numbers bare); the OData library refuses a comparison of a text column with a number or of a number
/// column with a string ("A binary operator with incompatible types was detected"); the local host unquoted and converted any
/// literal, so name eq 5 and numberofemployees eq '5' ran.
/// </summary>
public sealed class WebApiFilterOperandProbes
{
    [Fact]
    public async Task ABareName_ComparesWithTheRowsOtherColumn()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("contact") { ["firstname"] = "Sam", ["lastname"] = "Sam" });
        host.Service.Create(new Entity("contact") { ["firstname"] = "Fiona", ["lastname"] = "Finance" });

        var same = await host.GetAsync("contacts?$select=firstname&$filter=firstname eq lastname");
        var different = await host.GetAsync("contacts?$select=firstname&$filter=firstname ne lastname");

        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal(["Sam"], same.Json["value"]!.AsArray().Select(row => row!["firstname"]!.GetValue<string>()));
        Assert.Equal(["Fiona"], different.Json["value"]!.AsArray().Select(row => row!["firstname"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("firstname eq nosuchcolumn", "Could not find a property named 'nosuchcolumn'", "0x0")]
    [InlineData("firstname eq statecode", "incompatible types", "0x80060888")]
    public async Task ABareNameThatIsNoColumnOrOfAnotherType_IsRefused(string filter, string expected, string code)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("contacts?$select=firstname&$filter=" + filter);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
        Assert.Contains(expected, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name eq 5", "'Edm.String' and 'Edm.Int32'")]
    [InlineData("numberofemployees eq '5'", "'Edm.Int32' and 'Edm.String'")]
    [InlineData("statecode eq '0'", "'Edm.Int32' and 'Edm.String'")]
    [InlineData("creditonhold eq 'true'", "'Edm.Boolean' and 'Edm.String'")]
    [InlineData("creditlimit gt '100'", "'Edm.Decimal' and 'Edm.String'")]
    public async Task ALiteralOfAnotherType_IsRefused_NotConverted(string filter, string operandTypes)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "5", ["numberofemployees"] = 5 });

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + filter);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
        Assert.Contains("A binary operator with incompatible types was detected. Found operand types " + operandTypes, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiteralsOfTheColumnsType_StillFilter()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = host.Service.Create(new Entity("account") { ["name"] = "5", ["numberofemployees"] = 5, ["creditonhold"] = true });

        foreach (var filter in new[] { "name eq '5'", "numberofemployees eq 5", "creditonhold eq true", "statecode eq 0", $"accountid eq {account}", "createdon ge 2020-01-01", "createdon ge 2020-01-01T00:00:00Z" })
        {
            var answer = await host.GetAsync("accounts?$select=name&$filter=" + filter);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Single(answer.Json["value"]!.AsArray());
        }
    }
}
