using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): a number literal outside its column's type in $filter (99999999999 against the Edm.Int32
/// numberofemployees) answered an empty 500: the conversion overflowed where only a malformed literal was caught. Round 11 made it a
/// 400 "is not a valid value"; what Dataverse answers is not published, and the OData library it parses $filter with types the literal
/// Edm.Int64 and promotes the column (odata.net TypePromotionUtils, "int32->long->single->double->decimal"), so it is no parse error
/// there. Since round 24 (session 32, <see cref="WebApiFilterNumberPromotionProbes"/>) the local host answers 501 naming the literal and
/// the column, never a 400 that claims Dataverse refuses it, nor a 500 with no body.
/// </summary>
public sealed class WebApiFilterOverflowProbes
{
    [Theory]
    [InlineData("numberofemployees eq 99999999999", "99999999999", "numberofemployees")]
    [InlineData("numberofemployees gt -99999999999", "-99999999999", "numberofemployees")]
    public async Task ANumberTheColumnCannotHold_Answers501WithABody(string filter, string literal, string column)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains($"column '{column}' with the number {literal}", answer.ErrorMessage, StringComparison.Ordinal);
    }
}
