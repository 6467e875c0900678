using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 18 (session 26), the two date questions round 17 left open.
/// <para>
/// A bare date compared with a date-and-time column (<c>createdon ge 2026-12-06</c>): createdon is an Edm.DateTimeOffset, the literal an
/// Edm.Date. The OData library Dataverse's Web API parses with (Microsoft.OData.Core 7) promotes an Edm.Date to Edm.DateTimeOffset
/// (<c>MetadataUtilsCommon.CanConvertPrimitiveTypeTo</c>: "case Date: Date or DateTimeOffset → true"; odata.net issue 1205 shows
/// <c>CreateDateUtc gt 2014-06-23</c> against a DateTimeOffset binding), so the comparison is accepted, at the date's midnight. The
/// local users are in UTC, so that midnight is the same instant whether read as UTC or as the user's local midnight.
/// </para>
/// <para>
/// contact.birthdate: "DateTimeBehavior DateOnly, CanChangeDateTimeBehavior False, Format DateOnly" (Contact table/entity reference,
/// learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact#BKMK_BirthDate), "birthdate Edm.Date" (contact
/// EntityType, Web API reference). It was declared with the DateOnly format but the UserLocal behaviour, so a date-time was taken
/// and kept for it.
/// </para>
/// </summary>
public sealed class DateLiteralAndBirthdateProbes
{
    [Fact]
    public async Task ABareDate_AgainstADateAndTimeColumn_IsAcceptedAsItsMidnight()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Imported(host, "Eve", new DateTime(2026, 12, 5, 23, 0, 0, DateTimeKind.Utc));
        Imported(host, "Midnight", new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc));
        Imported(host, "Morning", new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc));

        var onOrAfter = await host.GetAsync("accounts?$select=name&$orderby=name&$filter=createdon ge 2026-12-06");
        var exactly = await host.GetAsync("accounts?$select=name&$filter=createdon eq 2026-12-06");
        var before = await host.GetAsync("accounts?$select=name&$filter=createdon lt 2026-12-06");

        Assert.Equal(["Midnight", "Morning"], Names(onOrAfter));
        Assert.Equal(["Midnight"], Names(exactly));
        Assert.Equal(["Eve"], Names(before));
    }

    [Fact]
    public async Task Birthdate_IsAnEdmDate_OverTheWebApi()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["lastname"] = "Lovelace", ["birthdate"] = "1980-05-17" });
        var row = (await host.GetAsync($"contacts({created.EntityId})?$select=birthdate")).Json;
        var found = await host.GetAsync("contacts?$select=lastname&$filter=birthdate eq 1980-05-17");

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal("1980-05-17", row["birthdate"]!.GetValue<string>());
        Assert.Equal("Lovelace", Assert.Single(found.Json["value"]!.AsArray())!["lastname"]!.GetValue<string>());
    }

    [Fact]
    public async Task ADateTime_ForBirthdate_IsRefusedInTheBody_AndNotImplementedInTheFilter()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var written = await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["lastname"] = "Lovelace", ["birthdate"] = "1980-05-17T00:00:00Z" });
        var filtered = await host.GetAsync("contacts?$select=lastname&$filter=birthdate eq 1980-05-17T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, written.Status);
        Assert.Equal("0x80048d19", written.ErrorCode);
        Assert.Contains("Cannot convert the literal '1980-05-17T00:00:00Z' to the expected type 'Edm.Date'.", written.ErrorMessage, StringComparison.Ordinal);
        // Round 19: the OData library accepts the comparison (Edm.Date promotes to Edm.DateTimeOffset); what Dataverse then compares is
        // not documented, so 501 (it was a 400 the parser does not give; DateOnlyFilterProbes).
        Assert.Equal(HttpStatusCode.NotImplemented, filtered.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [Fact]
    public void Birthdate_KeepsTheDateAlone_ThroughTheOrganizationService()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();

        var id = service.Create(new Entity("contact") { ["lastname"] = "Lovelace", ["birthdate"] = new DateTime(1980, 5, 17, 23, 30, 0, DateTimeKind.Utc) });

        Assert.Equal(new DateTime(1980, 5, 17), service.Retrieve("contact", id, new ColumnSet("birthdate")).GetAttributeValue<DateTime>("birthdate"));
    }

    /// <summary>
    /// DateOnly: "Stores the date value with the time value as 12:00 AM (00:00:00) without the time zone information" (DateTimeBehavior.DateOnly
    /// field); the organization service returns it with DateTimeKind.Unspecified (fake-xrm-easy issue 458, observed against Dynamics 365).
    /// UserLocal: "Retrieve operations return the UTC value" (Kind Utc). Both through Retrieve and RetrieveMultiple, given as Utc or Local.
    /// </summary>
    [Fact]
    public void ADateOnlyValue_ComesBackWithoutTimeZone_AUserLocalOneInUtc()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("account")
        {
            ["name"] = "Contoso",
            ["cos_limitreviewon"] = new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            ["cos_lastscoredon"] = new DateTime(2026, 12, 4, 9, 15, 0, DateTimeKind.Utc),
        });
        var contact = service.Create(new Entity("contact") { ["lastname"] = "Lovelace", ["birthdate"] = new DateTime(1980, 5, 17, 8, 0, 0, DateTimeKind.Local) });

        var retrieved = service.Retrieve("account", id, new ColumnSet("cos_limitreviewon", "cos_lastscoredon"));
        var listed = service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("cos_limitreviewon") }).Entities.Single();
        var birthdate = service.Retrieve("contact", contact, new ColumnSet("birthdate")).GetAttributeValue<DateTime>("birthdate");

        Assert.Equal(DateTimeKind.Unspecified, retrieved.GetAttributeValue<DateTime>("cos_limitreviewon").Kind);
        Assert.Equal(DateTimeKind.Unspecified, listed.GetAttributeValue<DateTime>("cos_limitreviewon").Kind);
        Assert.Equal(DateTimeKind.Utc, retrieved.GetAttributeValue<DateTime>("cos_lastscoredon").Kind);
        Assert.Equal((new DateTime(1980, 5, 17), DateTimeKind.Unspecified), (birthdate, birthdate.Kind));
    }

    private static void Imported(WebApiProbeHost host, string name, DateTime createdOn) =>
        host.Service.Create(new Entity("account") { ["name"] = name, ["overriddencreatedon"] = createdOn });

    private static string[] Names(WebApiProbeHost.Answer answer) =>
        answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray();
}
