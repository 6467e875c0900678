namespace CreditOS.CreditEngine.Samples;

/// <summary>Size and buying rhythm of a generated customer group (Key, Regular, Small accounts).</summary>
internal sealed record CustomerGroupProfile(string Name, double MedianInvoice, double InvoicesPerMonth, double ActiveMonthProbability)
{
    public static CustomerGroupProfile Draw(SeededRandom random, double averageInvoicesPerMonth)
    {
        var kind = random.NextDouble();
        return kind switch
        {
            < 0.15 => new CustomerGroupProfile("Key", random.Between(8_000, 25_000), averageInvoicesPerMonth * random.Between(1.5, 2.5), 0.95),
            < 0.60 => new CustomerGroupProfile("Regular", random.Between(2_000, 8_000), averageInvoicesPerMonth * random.Between(0.8, 1.3), 0.85),
            _ => new CustomerGroupProfile("Small", random.Between(400, 2_000), averageInvoicesPerMonth * random.Between(0.4, 0.9), 0.7),
        };
    }
}
