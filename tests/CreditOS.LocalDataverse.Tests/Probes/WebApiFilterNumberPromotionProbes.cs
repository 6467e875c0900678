using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 24 (session 32): a $filter number literal of another numeric type than its column. Dataverse parses $filter with the OData
/// library, whose relational operators are defined for Int32, Int64, Single, Double and Decimal and which promotes an operand along
/// "int32->long->single->double->decimal" (odata.net, src/Microsoft.OData.Core/UriParser/TypePromotionUtils.cs: relationalSignatures,
/// CompareConversions): numberofemployees eq 1500.0, numberofemployees gt 3000000000 and creditlimit gt 5e2 parse there. What Dataverse
/// then compares is not published ("Filter rows using OData", webapi/query/filter-rows, shows only literals of the column's type). The
/// local host answered 400 0x80040203 "… is not a valid value …", telling a client Dataverse refuses them (round 23 left this open); it
/// now answers 501. So does a literal typed by a suffix (5L, 5.5M, 5.5d), which the library's lexer reads (ExpressionLexer.ParseFromDigit)
/// and the local host refused as "Syntax error … neither a literal nor a property". A literal of the column's own type is answered as
/// before (the controls).
/// </summary>
public sealed class WebApiFilterNumberPromotionProbes
{
    [Theory]
    [InlineData("numberofemployees eq 1500.0", "numberofemployees", "1500.0")]
    [InlineData("numberofemployees ge 15e2", "numberofemployees", "15e2")]
    [InlineData("numberofemployees lt 3000000000", "numberofemployees", "3000000000")]
    [InlineData("creditlimit gt 5e2", "creditlimit", "5e2")]
    [InlineData("statecode eq 0.0", "statecode", "0.0")]
    [InlineData("numberofemployees gt 5L", "numberofemployees", "5L")]
    [InlineData("creditlimit gt 5.5M", "creditlimit", "5.5M")]
    [InlineData("creditlimit gt 5.5d", "creditlimit", "5.5d")]
    public async Task ANumberOfAnotherNumericType_Answers501_NotARefusal(string filter, string column, string literal)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["numberofemployees"] = 1500, ["creditlimit"] = new Money(600m) });

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains($"column '{column}' with the number {literal}", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("numberofemployees eq 1500")]
    [InlineData("numberofemployees gt -2147483648")]
    [InlineData("creditlimit gt 599.99")]
    [InlineData("creditlimit ge 600")]
    public async Task Control_ANumberOfTheColumnsOwnType_FindsTheRow(string filter)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["numberofemployees"] = 1500, ["creditlimit"] = new Money(600m) });

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Contoso", answer.Json["value"]![0]!["name"]!.GetValue<string>());
    }
}
