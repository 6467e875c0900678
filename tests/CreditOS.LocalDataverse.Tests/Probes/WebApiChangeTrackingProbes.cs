using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Change tracking ("Use change tracking to synchronize data with external systems", webapi/use-change-tracking-synchronize-data-
/// external-systems): "Prefer: odata.track-changes" asks for an "@odata.deltaLink", whose "$deltatoken" returns the changes since.
/// The local Dataverse keeps no change log: the preference was ignored (rows without a delta link) and $deltatoken answered 400 "not
/// supported", which Dataverse does support. Both answer 501 now.
/// </summary>
public sealed class WebApiChangeTrackingProbes
{
    [Fact]
    public async Task TrackChanges_IsRefusedAsNotImplemented_NotAnsweredWithoutADeltaLink()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso");

        var answer = await host.GetAsync("accounts?$select=name", ("Prefer", "odata.track-changes"));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("change tracking", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeltaToken_IsRefusedAsNotImplemented_NotAsAnUnsupportedOption()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
    }
}
