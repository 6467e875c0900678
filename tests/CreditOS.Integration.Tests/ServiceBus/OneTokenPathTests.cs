using System.Collections.Concurrent;
using Azure.Core;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Broker:ServiceBus:Authentication and Dataverse:Authentication both TokenCredential: the deployed host asks its one
/// credential (section Identity) for the Service Bus token and for the Dataverse Web API token, and a message goes from
/// the local Service Bus (TLS, bearer token) through a Web API lookup (the same credential's token) to its dead letter.
/// The credential here is the worker's own (Identity:Kind LocalDevelopmentToken), wrapped only to record the scopes it is
/// asked for; the local Dataverse accepts that token as the worker's application user.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class OneTokenPathTests
{
    [Fact]
    public async Task The_Service_Bus_client_and_the_Dataverse_Web_API_take_their_tokens_from_the_one_TokenCredential()
    {
        await using var local = await LocalDataverseOverHttp.StartAsync(options => options.AccessTokens[LocalServiceBusForWorker.DevelopmentToken] = LocalDataverseOverHttp.WorkerApplicationId);
        await using var bus = new LocalServiceBusForWorker();
        var settings = WorkerConfiguration.TokenCredentialOverTls(bus);
        settings["Dataverse:Authentication"] = "TokenCredential";
        settings["Dataverse:LocalAccessToken"] = null;
        var configuration = WorkerConfiguration.ForServiceBus(local.Server.BaseUri, bus, settings);
        var asked = new ConcurrentQueue<string>();
        await using var worker = await WorkerHost.StartAsync(configuration, services => services.AddSingleton<TokenCredential>(provider =>
            new RecordingCredential(WorkerCredential.Create(provider.GetRequiredService<IOptions<IdentityOptions>>().Value), asked)));

        // Looked up over the Web API (200, no such account) and dead-lettered: the lookup ran as the application user.
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("one-token-1", "sap.payment-advice", Payloads.SapPaymentAdvice("5100000088", "C-404", 40m))]);
        await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(60), "the payment dead-lettered");
        await worker.StopAsync();

        var dead = Assert.Single(await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true));
        Assert.Equal("UnknownCustomer", dead.DeadLetterReason);
        Assert.IsType<TokenCredentialDataverseToken>(worker.Services.GetRequiredService<IDataverseTokenProvider>());
        var scopes = asked.Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("https://servicebus.azure.net/.default", scopes);
        Assert.Contains(new Uri(local.Server.BaseUri, ".default").AbsoluteUri, scopes);
        Assert.True(scopes.Count == 2, "asked for: " + string.Join(", ", scopes));
    }

    /// <summary>The worker's credential, recording each scope it is asked for.</summary>
    private sealed class RecordingCredential(TokenCredential inner, ConcurrentQueue<string> asked) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Record(requestContext);
            return inner.GetToken(requestContext, cancellationToken);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Record(requestContext);
            return inner.GetTokenAsync(requestContext, cancellationToken);
        }

        private void Record(TokenRequestContext requestContext)
        {
            foreach (var scope in requestContext.Scopes)
            {
                asked.Enqueue(scope);
            }
        }
    }
}
