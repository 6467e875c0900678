namespace CreditOS.CreditEngine.Samples;

/// <summary>
/// How a generated customer pays: probability of paying late, mean days late when late, chance an overdue invoice
/// is never paid, and an optional change in behaviour part-way (deterioration or recovery).
/// </summary>
internal sealed record PaymentProfile(double LateProbability, double MeanDaysLate, double DefaultProbability, int ChangeAfterMonth, double LateProbabilityAfterChange)
{
    public double LateProbabilityIn(int month) => month >= ChangeAfterMonth ? LateProbabilityAfterChange : LateProbability;

    public static PaymentProfile Draw(SeededRandom random, int months)
    {
        var kind = random.NextDouble();
        var profile = kind switch
        {
            < 0.55 => new PaymentProfile(random.Between(0.02, 0.12), random.Between(3, 8), 0, int.MaxValue, 0),
            < 0.80 => new PaymentProfile(random.Between(0.2, 0.45), random.Between(8, 20), 0.002, int.MaxValue, 0),
            _ => new PaymentProfile(random.Between(0.5, 0.85), random.Between(20, 50), 0.03, int.MaxValue, 0),
        };

        var change = random.NextDouble();
        if (change < 0.12)
        {
            // Deteriorates: a customer in trouble starts paying late.
            return profile with { ChangeAfterMonth = random.Next(months / 3, months), LateProbabilityAfterChange = Math.Min(0.9, profile.LateProbability + random.Between(0.3, 0.5)), MeanDaysLate = profile.MeanDaysLate + 10 };
        }

        return change < 0.2
            ? profile with { ChangeAfterMonth = random.Next(months / 3, months), LateProbabilityAfterChange = profile.LateProbability / 3 }
            : profile;
    }
}
