using CreditOS.CreditEngine.History;

namespace CreditOS.Cli.Demo.Loading;

/// <summary>What the loader wrote: one entry per customer, and how many rows of each kind in how many batches.</summary>
internal sealed record LoadedPortfolio(IReadOnlyList<LoadedCustomer> Customers, IReadOnlyDictionary<string, int> RowsByTable, int Batches)
{
    public int TotalRows => RowsByTable.Values.Sum();
}

/// <summary>A generated customer and the account row it became.</summary>
internal sealed record LoadedCustomer(Guid AccountId, string Name, CustomerHistory History);
