using Microsoft.Extensions.Configuration;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// The store's fault point (session 29, <c>LocalServiceBus:HoldWriteBeforeCommit</c>) is off unless configured, and a hold
/// naming a write the store does not make is refused when the server is built, never bound and then never reached (a test
/// waiting for it would time out instead of saying why). The hold itself is exercised by killing a host process in
/// CreditOS.Integration.Tests (WorkerProcessKillMomentsTests): once reached it never returns.
/// </summary>
public sealed class StoreWriteHoldConfigurationTests
{
    [Fact]
    public void Unset_there_is_no_hold()
    {
        Assert.Null(Bind(new Dictionary<string, string?>()).HoldWriteBeforeCommit);
    }

    [Fact]
    public void A_hold_binds_from_configuration_as_the_host_reads_it()
    {
        var hold = Bind(new Dictionary<string, string?>
        {
            ["LocalServiceBus:HoldWriteBeforeCommit:Operation"] = "Delete",
            ["LocalServiceBus:HoldWriteBeforeCommit:Entity"] = "payments",
            ["LocalServiceBus:HoldWriteBeforeCommit:After"] = "40",
        }).HoldWriteBeforeCommit;

        Assert.NotNull(hold);
        Assert.Equal((StoreWriteHold.Delete, "payments", 40, TimeSpan.FromMinutes(2)), (hold.Operation, hold.Entity, hold.After, hold.Patience));
    }

    [Fact]
    public void A_hold_of_a_write_the_store_does_not_make_is_refused_naming_the_ones_it_does()
    {
        var options = Bind(new Dictionary<string, string?> { ["LocalServiceBus:HoldWriteBeforeCommit:Operation"] = "Complete" });

        var failure = Assert.Throws<ArgumentException>(() => new LocalServiceBusServer(options));

        Assert.Contains("'Complete' is none of Insert, Update, Delete, Move", failure.Message, StringComparison.Ordinal);
    }

    private static LocalServiceBusOptions Bind(Dictionary<string, string?> settings)
    {
        settings["LocalServiceBus:DatabasePath"] = Path.Combine(Path.GetTempPath(), $"creditos-sb-hold-{Guid.NewGuid():N}.db");
        settings["LocalServiceBus:Queues:0:Name"] = "payments";
        var options = new LocalServiceBusOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(LocalServiceBusOptions.SectionName).Bind(options);
        return options;
    }
}
