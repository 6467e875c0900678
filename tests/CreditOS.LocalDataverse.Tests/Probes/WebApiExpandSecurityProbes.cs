using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Expanded rows are read as the caller, as any query is: a query needs Read on every table it touches, so expanding into a table the
/// caller has no Read privilege on answers 403 PrivilegeDenied 0x80040220 (Identify status codes, compose-http-requests-handle-errors);
/// a secured column the caller has no field security profile for comes back null, as the local host already writes it in top-level
/// rows (the organization service leaves it out; the Web API writes every property asked for). The Sales Rep role reads accounts and contacts (Local) but not tasks and has
/// no profile for account.creditlimit.
/// </summary>
public sealed class WebApiExpandSecurityProbes
{
    private const string SalesRep = "creditOS Sales Rep";

    [Fact]
    public async Task ExpandingIntoATableWithoutRead_Answers403_PrivilegeDenied()
    {
        await using var host = await WebApiProbeHost.StartAsync(SalesRep);
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name&$expand=Account_Tasks($select=subject)");
        // Checked whatever the rows hold: no account matches, and the query still touches task.
        var noRows = await host.GetAsync("accounts?$select=name&$filter=name eq 'nobody'&$expand=Account_Tasks($select=subject)");

        Assert.Equal((HttpStatusCode.Forbidden, "0x80040220"), (answer.Status, answer.ErrorCode));
        Assert.Contains("prvReadActivity", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "0x80040220"), (noRows.Status, noRows.ErrorCode));
    }

    [Fact]
    public async Task ASecuredColumnOfAnExpandedRow_ComesBackNull()
    {
        await using var host = await WebApiProbeHost.StartAsync(SalesRep);
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["creditlimit"] = new Money(50_000m) });
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Buyer", ["parentcustomerid"] = new EntityReference("account", account) });

        var lookup = await host.GetAsync($"contacts({contact})?$select=lastname&$expand=parentcustomerid_account($select=name,creditlimit)");
        var collection = await host.GetAsync($"accounts?$select=name&$expand=contact_customer_accounts($select=lastname)");

        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        var expanded = lookup.Json["parentcustomerid_account"]!.AsObject();
        Assert.Equal("Contoso", expanded["name"]!.GetValue<string>());
        Assert.True(expanded.ContainsKey("creditlimit"));
        Assert.Null(expanded["creditlimit"]);
        Assert.Equal(HttpStatusCode.OK, collection.Status);
        Assert.Equal("Buyer", collection.Json["value"]![0]!["contact_customer_accounts"]![0]!["lastname"]!.GetValue<string>());
    }
}
