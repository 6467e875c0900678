using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 19 (session 27): a date-time compared with a date only column in $filter. Dataverse's Web API parses $filter with the OData
/// library, whose binary operator promotion finds the (DateTimeOffset, DateTimeOffset) signature for an Edm.Date operand and an
/// Edm.DateTimeOffset one (TypePromotionUtils.PromoteOperandTypes → CanConvertTo → MetadataUtilsCommon.CanConvertPrimitiveTypeTo: Date converts
/// to Date or DateTimeOffset), the same rule round 18 relied on to answer <c>createdon ge 2026-12-06</c>. The query functions take
/// PropertyValue as a string (Microsoft.Dynamics.CRM.OnOrAfter and the like, "Query Functions", Web API reference), so no Edm.Date
/// conversion refuses it either. The local host answered both with a 400 the parser does not give ("A binary operator with incompatible
/// types…", "Cannot convert the literal … to the expected type 'Edm.Date'"). What Dataverse compares once parsed (the date, the instant)
/// is not documented: 501, saying so. A date literal is answered as before.
/// </summary>
public sealed class DateOnlyFilterProbes
{
    [Theory]
    [InlineData("cos_receivables?$select=cos_invoicenumber&$filter=cos_duedate ge 2026-12-06T00:00:00Z")]
    [InlineData("cos_receivables?$select=cos_invoicenumber&$filter=cos_duedate eq 2026-12-06T10:30:00Z")]
    [InlineData("cos_receivables?$select=cos_invoicenumber&$filter=Microsoft.Dynamics.CRM.OnOrAfter(PropertyName='cos_duedate',PropertyValue='2026-12-06T10:00:00Z')")]
    [InlineData("cos_receivables?$select=cos_invoicenumber&$filter=Microsoft.Dynamics.CRM.On(PropertyName='cos_duedate',PropertyValue='2026-12-06T00:00:00Z')")]
    public async Task ADateTime_AgainstADateOnlyColumn_IsNotImplemented_NotRefusedAsTheParserDoesNot(string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("comparing the date only column 'cos_duedate' with the date-time", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cos_duedate ge 2026-12-06", "due")]
    [InlineData("cos_duedate lt 2026-12-06", "")]
    [InlineData("Microsoft.Dynamics.CRM.OnOrAfter(PropertyName='cos_duedate',PropertyValue='2026-12-06')", "due")]
    [InlineData("Microsoft.Dynamics.CRM.On(PropertyName='cos_duedate',PropertyValue='2026-12-07')", "")]
    public async Task ADate_AgainstADateOnlyColumn_IsAnswered(string filter, string expected)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var receivable = SolutionRows.Receivable(host.Service, SolutionRows.Account(host.Service), "due");
        host.Service.Update(new Entity("cos_receivable", receivable) { ["cos_duedate"] = new DateTime(2026, 12, 6) });

        var answer = await host.GetAsync($"cos_receivables?$select=cos_invoicenumber&$filter={filter}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected, string.Join(",", answer.Json["value"]!.AsArray().Select(row => row!["cos_invoicenumber"]!.GetValue<string>())));
    }
}
