using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The columns the platform sets: a caller's createdon is ignored; overriddencreatedon (data migration, "Record Created
/// On") sets createdon and then records when the row was really created (account table reference,
/// learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account#BKMK_OverriddenCreatedOn). A DateOnly
/// column keeps the date alone, its time always 12:00 AM ("Behavior and format of the date and time column").
/// </summary>
public sealed class PlatformColumnProbes
{
    [Fact]
    public void ACallersCreatedOn_IsIgnored_ButOverriddenCreatedOnBecomesCreatedOn()
    {
        using var env = DataverseTestBuilder.ALocalDataverse().Build();
        var migrated = new DateTime(2019, 3, 1, 9, 30, 0, DateTimeKind.Utc);

        var plain = env.Service.Create(new Entity("account") { ["name"] = "Plain", ["createdon"] = migrated });
        var imported = env.Service.Create(new Entity("account") { ["name"] = "Imported", ["overriddencreatedon"] = migrated });

        Assert.Equal(FixedIds.Now.UtcDateTime, env.Service.Retrieve("account", plain, new ColumnSet("createdon")).GetAttributeValue<DateTime>("createdon"));
        var row = env.Service.Retrieve("account", imported, new ColumnSet("createdon", "overriddencreatedon", "modifiedon"));
        Assert.Equal(migrated, row.GetAttributeValue<DateTime>("createdon"));
        Assert.Equal(FixedIds.Now.UtcDateTime, row.GetAttributeValue<DateTime>("overriddencreatedon"));
        Assert.Equal(FixedIds.Now.UtcDateTime, row.GetAttributeValue<DateTime>("modifiedon"));
    }

    [Fact]
    public void ADateOnlyColumn_KeepsTheDateAlone_WithoutTimeZoneConversion()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var local = new DateTime(2026, 12, 4, 23, 30, 0, DateTimeKind.Local);

        var id = service.Create(new Entity("account")
        {
            ["name"] = "Contoso",
            ["cos_limitreviewon"] = local,                                                  // DateOnly
            ["cos_lastscoredon"] = new DateTime(2026, 12, 4, 23, 30, 0, DateTimeKind.Utc), // UserLocal
        });

        var row = service.Retrieve("account", id, new ColumnSet("cos_limitreviewon", "cos_lastscoredon"));
        Assert.Equal(new DateTime(2026, 12, 4), row.GetAttributeValue<DateTime>("cos_limitreviewon"));
        Assert.Equal(new DateTime(2026, 12, 4, 23, 30, 0), row.GetAttributeValue<DateTime>("cos_lastscoredon"));
    }

    [Fact]
    public void RetrieveReturnsOnlyTheColumnsAsked_AndNeverANullAsAnAttribute()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = service.Create(new Entity("account") { ["name"] = "Contoso", ["accountnumber"] = null });

        var row = service.Retrieve("account", id, new ColumnSet("name", "accountnumber", "creditlimit"));

        Assert.Equal(["accountid", "name"], row.Attributes.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
