using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditOS.LocalServiceBus;
using Microsoft.Extensions.Configuration;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The local Service Bus as its own process (session 29): the runnable host (<c>dotnet CreditOS.LocalServiceBus.Host.dll</c>,
/// built beside the tests' configuration; the test project builds it without referencing it) with the options of a test's
/// in-process local Service Bus, so the test can stop its in-process server, hand the same database file and ports to the
/// process, SIGKILL the process, and start its in-process server again on what the process left.
/// </summary>
public static class LocalServiceBusHost
{
    /// <summary>The host's build output for the configuration the tests were built in (bin/Release/net10.0 → the host's bin/Release/net10.0).</summary>
    public static string Assembly
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = output.Name;
            var configuration = output.Parent!.Name;
            for (var directory = output; directory is not null; directory = directory.Parent)
            {
                var project = Path.Combine(directory.FullName, "integration", "CreditOS.LocalServiceBus.Host");
                if (Directory.Exists(project))
                {
                    return Path.Combine(project, "bin", configuration, framework, "CreditOS.LocalServiceBus.Host.dll");
                }
            }

            throw new DirectoryNotFoundException("integration/CreditOS.LocalServiceBus.Host was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// <paramref name="options"/> as the host's configuration (LocalServiceBus section), without the TLS port (its certificate
    /// would not be the in-process server's: clients of such a test use the plain port), with <paramref name="hold"/> as the
    /// fault point.
    /// </summary>
    public static IConfiguration ConfigurationFor(LocalServiceBusOptions options, StoreWriteHold? hold)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object> { [LocalServiceBusOptions.SectionName] = options }, new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter() },
        });
        var overrides = new Dictionary<string, string?> { ["LocalServiceBus:TlsPort"] = "0" };
        if (hold is not null)
        {
            overrides["LocalServiceBus:HoldWriteBeforeCommit:Operation"] = hold.Operation;
            overrides["LocalServiceBus:HoldWriteBeforeCommit:Entity"] = hold.Entity;
            overrides["LocalServiceBus:HoldWriteBeforeCommit:After"] = hold.After.ToString(System.Globalization.CultureInfo.InvariantCulture);
            overrides["LocalServiceBus:HoldWriteBeforeCommit:Patience"] = hold.Patience.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .AddInMemoryCollection(overrides)
            .Build();
    }
}
