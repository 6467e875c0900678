using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// String values in $filter as "Filter rows using OData" (learn.microsoft.com/power-apps/developer/data-platform/webapi/query/filter-rows)
/// describes them. "Use wildcard characters: When composing filters using strings, you can apply the following wildcard characters:
/// % _ [] [^]", with "startswith(name,'%value')" as its example of a leading wildcard: the local host escaped the wildcards of
/// contains/startswith/endswith, so contains(name,'[_]') looked for the three characters "[_]" and found nothing. "Manage single
/// quotes: … If you don't, you get an error like this: There is an unterminated literal at position 21 in 'lastname eq 'O'Bryan''.":
/// the local host answered "unexpected 'Bryan''".
/// </summary>
public sealed class WebApiStringFilterProbes
{
    [Theory]
    [InlineData("contains(name,'[_]')", new[] { "Route_66" })]
    [InlineData("contains(name,'e_6')", new[] { "Route 66", "Route_66" })]
    [InlineData("startswith(name,'%66')", new[] { "Route 66", "Route_66" })]
    [InlineData("endswith(name,'[0-9]6')", new[] { "Route 66", "Route_66" })]
    [InlineData("startswith(name,'[^R]')", new[] { "100% Beans" })]
    [InlineData("contains(name,'0[%]')", new[] { "100% Beans" })]
    public async Task StringFunctions_ReadWildcards_AsDataverseDoes(string filter, string[] expected)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        foreach (var name in new[] { "Route 66", "Route_66", "100% Beans" })
        {
            SolutionRows.Account(host.Service, name);
        }

        var answer = await host.GetAsync($"accounts?$select=name&$orderby=name&$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected.Order(StringComparer.Ordinal), answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AQuoteNotDoubled_IsAnUnterminatedLiteral_AndADoubledOneMatches()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Microsoft.Xrm.Sdk.Entity("contact") { ["lastname"] = "O'Bryan" });

        var unterminated = await host.GetAsync("contacts?$select=lastname&$filter=" + Uri.EscapeDataString("lastname eq 'O'Bryan'"));
        var doubled = await host.GetAsync("contacts?$select=lastname&$filter=" + Uri.EscapeDataString("lastname eq 'O''Bryan'"));

        Assert.Equal(HttpStatusCode.BadRequest, unterminated.Status);
        Assert.Equal("There is an unterminated literal at position 21 in 'lastname eq 'O'Bryan''.", unterminated.ErrorMessage);
        Assert.Equal(HttpStatusCode.OK, doubled.Status);
        Assert.Equal("O'Bryan", doubled.Json["value"]![0]!["lastname"]!.GetValue<string>());
    }
}
