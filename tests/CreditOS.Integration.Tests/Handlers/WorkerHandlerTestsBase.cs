using CreditOS.Integration.Tests.Support;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// The world of the worker's handler tests: the local Dataverse over HTTP with the credit configuration seeded and every
/// creditOS plug-in registered, one account per customer number given, and the worker's handlers pointed at it (no broker:
/// each test hands messages to the handlers and reads their settle decisions).
/// </summary>
public abstract class WorkerHandlerTestsBase(params string[] customers) : IAsyncLifetime
{
    private protected LocalDataverseOverHttp Local { get; private set; } = null!;

    private protected WorkerUnderTest Worker { get; private set; } = null!;

    /// <summary>The accounts by customer number.</summary>
    private protected Dictionary<string, Guid> Accounts { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(Local.Service);
        CreditPlugins.Register(Local.Dataverse);
        foreach (var customer in customers)
        {
            Accounts[customer] = Local.AddAccount(customer);
        }

        Worker = WorkerUnderTest.Create(WorkerConfiguration.For(Local.Server.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Local.DisposeAsync();
    }

    /// <summary>The receivable step rescores asynchronously: wait until every account's open receivables stopped moving.</summary>
    private protected Task WaitForRescoringAsync() => Local.WaitForOpenReceivablesToSettleAsync(Accounts.Values);
}
