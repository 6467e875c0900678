using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// The runnable host's committed appsettings.json binds into a working order-outcome topic (session 25): its rules are read
/// from configuration as written (a correlation filter on an application property), not dropped by the binder.
/// </summary>
public sealed class HostTopicConfigurationTests
{
    [Fact]
    public async Task The_hosts_order_outcome_topic_copies_every_outcome_to_fulfilment_and_only_held_ones_to_finance()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(HostSettingsPath()).Build();
        await using var bus = new LocalServiceBusFixture(options =>
            configuration.GetSection($"{LocalServiceBusOptions.SectionName}:{nameof(LocalServiceBusOptions.Topics)}").Bind(options.Topics));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("creditos.orders.outcomes");
        ServiceBusMessage Outcome(string outcome)
        {
            var message = new ServiceBusMessage(outcome) { MessageId = $"order-outcome/WebShop/W-1/{outcome}" };
            message.ApplicationProperties["Outcome"] = outcome;
            return message;
        }

        await sender.SendMessagesAsync([Outcome("Accepted"), Outcome("HeldForFinance")]);

        Assert.Equal(2, bus.Server.CountOf("creditos.orders.outcomes/Subscriptions/fulfilment"));
        await using var finance = client.CreateReceiver("creditos.orders.outcomes", "finance-held");
        var held = await finance.ReceiveCountAsync(1);
        Assert.Equal(["order-outcome/WebShop/W-1/HeldForFinance"], held.Select(message => message.MessageId));
        Assert.Equal(1, bus.Server.CountOf("creditos.orders.outcomes/Subscriptions/finance-held"));
    }

    private static string HostSettingsPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "integration", "CreditOS.LocalServiceBus.Host", "appsettings.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The local Service Bus host's appsettings.json was not found above " + AppContext.BaseDirectory);
    }
}
