using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Dataverse's own query parameters and the paging token. "Use the fetchXml query string parameter to pass it to the entity
/// set" (Use FetchXML with the Web API, learn.microsoft.com/power-apps/developer/data-platform/webapi/use-fetchxml-web-api);
/// savedQuery and userQuery run a view (webapi/retrieve-and-execute-predefined-queries). The local host does not implement
/// them; it used to ignore them and answer every row of the set (200), a result a client would take for the query's. The
/// @odata.nextLink is used as returned ("Page results using OData", webapi/query/page-results); a $skiptoken the host did not
/// issue failed with an empty 500.
/// </summary>
public sealed class WebApiQueryParameterProbes
{
    [Theory]
    // A row (not aggregate) FetchXML: the aggregate kind is answered (AnAggregateFetchXml_…), this one is not implemented.
    [InlineData("fetchXml=%3Cfetch%3E%3Centity%20name%3D%27account%27%3E%3Cattribute%20name%3D%27name%27%2F%3E%3Cfilter%3E%3Ccondition%20attribute%3D%27name%27%20operator%3D%27eq%27%20value%3D%27none%27%2F%3E%3C%2Ffilter%3E%3C%2Fentity%3E%3C%2Ffetch%3E")]
    [InlineData("savedQuery=00000000-0000-0000-0000-000000000001")]
    [InlineData("userQuery=00000000-0000-0000-0000-000000000001")]
    public async Task DataversesOwnQueryParameters_AreRefusedAsNotImplemented_NotIgnored(string parameter)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?" + parameter);

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains(parameter.Split('=')[0], answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAggregateFetchXml_IsAnsweredWithItsAliases_GroupedAsTheOrganizationServiceGroupsIt()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contoso = SolutionRows.Account(host.Service);
        var fabrikam = SolutionRows.Account(host.Service, "Fabrikam");
        SolutionRows.Receivable(host.Service, contoso, "INV-1");
        SolutionRows.Receivable(host.Service, contoso, "INV-2");
        SolutionRows.Receivable(host.Service, fabrikam, "INV-3");
        var fetch = "<fetch aggregate='true'><entity name='cos_receivable'><attribute name='cos_amount' alias='total' aggregate='sum'/>"
            + "<attribute name='cos_receivableid' alias='invoices' aggregate='count'/>"
            + "<link-entity name='account' from='accountid' to='cos_accountid' alias='a'><attribute name='name' alias='customer' groupby='true'/></link-entity>"
            + "</entity></fetch>";

        var answer = await host.GetAsync("cos_receivables?fetchXml=" + Uri.EscapeDataString(fetch));
        var rowFetch = await host.GetAsync("cos_receivables?fetchXml=" + Uri.EscapeDataString("<fetch><entity name='cos_receivable'><attribute name='cos_amount'/></entity></fetch>"));
        var mixed = await host.GetAsync("cos_receivables?$top=1&fetchXml=" + Uri.EscapeDataString(fetch));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var rows = answer.Json["value"]!.AsArray().Select(row => (Customer: row!["customer"]!.GetValue<string>(), Total: row["total"]!.GetValue<decimal>(), Invoices: row["invoices"]!.GetValue<int>()))
            .OrderBy(row => row.Customer, StringComparer.Ordinal).ToList();
        Assert.Equal([("Contoso", 200m, 2), ("Fabrikam", 100m, 1)], rows);
        Assert.Equal(HttpStatusCode.NotImplemented, rowFetch.Status);
        Assert.Contains("aggregate FetchXML only", rowFetch.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.Status);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("-2")]
    public async Task ASkipTokenTheServiceDidNotIssue_Answers400_NotAnEmpty500(string token)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name&$skiptoken=" + token);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
        Assert.Contains("@odata.nextLink", answer.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// "The service ignores max page size requests larger than 5,000" (Page results using OData): the page is Dataverse's own (up to
    /// 5,000 rows) and no Preference-Applied claims the size asked. Web API round 10 (session 18): this answered 501 before.
    /// </summary>
    [Fact]
    public async Task APageSizeAboveFiveThousand_IsIgnored_AsDataverseDocuments_WithoutPreferenceApplied()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var above = await host.GetAsync("accounts?$select=name", ("Prefer", "odata.maxpagesize=6000"));
        var atLimit = await host.GetAsync("accounts?$select=name", ("Prefer", "odata.maxpagesize=5000"));

        Assert.Equal(HttpStatusCode.OK, above.Status);
        Assert.Single(above.Json["value"]!.AsArray());
        Assert.False(above.Headers.ContainsKey("Preference-Applied"));
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        Assert.Equal("odata.maxpagesize=5000", atLimit.Headers["Preference-Applied"]);
    }
}
