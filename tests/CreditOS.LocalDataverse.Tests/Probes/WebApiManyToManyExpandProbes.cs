using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: "Supported Relationship types for $expand" (Join tables using OData, webapi/query/join-tables): "Only N:N" —
/// multiple ✓, nested ✘; "Combinations with N:N" — multiple ✘, nested ✘. The local host expanded a many-to-many navigation property
/// beside a many-to-one one, and inside a one-to-many one; both are refused now (400 0x80060888, our wording: Microsoft does not publish
/// Dataverse's). Several many-to-many properties side by side are still answered.
/// </summary>
public sealed class WebApiManyToManyExpandProbes
{
    [Fact]
    public async Task ManyToManyBesideAManyToOne_IsRefused()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Riley Roles");

        var answer = await host.GetAsync($"systemusers({user})?$select=fullname&$expand=systemuserroles_association($select=name),businessunitid($select=name)");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
        Assert.Contains("'systemuserroles_association' is expanded together with 'businessunitid'", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyToManyNestedInAOneToMany_IsRefused()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"businessunits({host.Dataverse.RootBusinessUnitId})?$select=name&$expand=business_unit_system_users($select=fullname;$expand=systemuserroles_association($select=name))");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
        Assert.Contains("'systemuserroles_association' is expanded inside another $expand", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralManyToManyProperties_SideBySide_AreAnswered()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Riley Roles");
        host.Dataverse.AssignRole(user, host.Dataverse.SolutionRoleId("creditOS Collector"));

        var answer = await host.GetAsync($"systemusers({user})?$select=fullname&$expand=systemuserroles_association($select=name),teammembership_association($select=name)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("creditOS Collector", Assert.Single(answer.Json["systemuserroles_association"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.NotNull(answer.Json["teammembership_association"]);
    }
}
