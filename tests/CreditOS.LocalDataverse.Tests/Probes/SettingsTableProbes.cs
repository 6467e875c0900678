using System.Net;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 20 (session 28): a user's time zone. Every Dataverse environment has the usersettings table, one row per user, whose
/// timezonecode is the user's time zone (Dataverse table reference, reference/entities/usersettings, "TimeZoneCode: Local time zone
/// adjustment for the user"; Web API entity set usersettingscollection), and the organization, timezonedefinition and timezonerule
/// tables. The user's time zone moves their day: user-local date operators such as today and this-month (and formatted values) follow
/// it (Behavior and format of the date and time column: UserLocal "Retrieving the formatted value converts from UTC to the user's
/// current time zone"). The local Dataverse models no user settings: every user is in UTC. Asked for these tables, it answered
/// "The entity with a name = 'usersettings' … was not found in the MetadataCache" (0x80041102) and, over the Web API, 404 "Resource
/// not found for the segment 'usersettingscollection'", telling the caller Dataverse has no such table. It now answers "does not
/// implement" (0x80040216, 501 over the Web API), saying every local user is in UTC; a table no environment has is unchanged.
/// </summary>
public sealed class SettingsTableProbes
{
    [Theory]
    [InlineData("usersettings")]
    [InlineData("organization")]
    [InlineData("timezonedefinition")]
    [InlineData("timezonerule")]
    public void ASettingsTable_IsNotImplemented_ThroughTheOrganizationService(string table)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var query = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }));
        var retrieve = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.Retrieve(table, dataverse.SystemUserId, new ColumnSet(true)));
        var write = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.Update(new Entity(table, dataverse.SystemUserId) { ["timezonecode"] = 85 }));

        Assert.All(new[] { query, retrieve, write }, fault =>
        {
            Assert.StartsWith($"The local Dataverse does not implement the '{table}' table", fault.Message, StringComparison.Ordinal);
            Assert.Contains("in UTC", fault.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ALinkToUserSettings_IsNotImplemented_AndAnUnknownTableIsStillUnknown()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var linked = new FetchExpression(
            "<fetch><entity name='systemuser'><attribute name='fullname'/><link-entity name='usersettings' from='systemuserid' to='systemuserid'><attribute name='timezonecode'/></link-entity></entity></fetch>");

        var link = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(linked));
        var unknown = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(new QueryExpression("cos_nosuchtable")));

        Assert.Contains("'usersettings' table", link.Message, StringComparison.Ordinal);
        Assert.Equal(unchecked((int)0x80041102), unknown.Detail.ErrorCode);
    }

    [Fact]
    public async Task TheUserSettingsEntitySet_Is501_OverTheWebApi_AndAnUnknownSetStill404()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var settings = await host.GetAsync("usersettingscollection?$select=timezonecode");
        var unknown = await host.GetAsync("nosuchsets?$select=name");

        Assert.Equal(HttpStatusCode.NotImplemented, settings.Status);
        Assert.Equal("0x80040216", settings.ErrorCode);
        Assert.Contains("'usersettings' table", settings.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }
}
