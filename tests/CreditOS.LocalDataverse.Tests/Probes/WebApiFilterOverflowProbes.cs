using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): a number literal outside its column's type in $filter (99999999999 against the Edm.Int32
/// numberofemployees) answered an empty 500: the conversion overflowed where only a malformed literal was caught. What Dataverse
/// answers is not published (the OData library types the literal Edm.Int64 and promotes the column); the local host refuses it as it
/// refuses a literal the column cannot hold (400 0x80040203, naming the literal and the column), never a 500 with no body.
/// </summary>
public sealed class WebApiFilterOverflowProbes
{
    [Theory]
    [InlineData("numberofemployees eq 99999999999", "99999999999", "numberofemployees")]
    [InlineData("numberofemployees gt -99999999999", "-99999999999", "numberofemployees")]
    public async Task ANumberTheColumnCannotHold_IsRefusedWithABody(string filter, string literal, string column)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80040203", answer.ErrorCode);
        Assert.Contains($"'{literal}' is not a valid value for '{column}'", answer.ErrorMessage, StringComparison.Ordinal);
    }
}
