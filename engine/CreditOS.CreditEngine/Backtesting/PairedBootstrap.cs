namespace CreditOS.CreditEngine.Backtesting;

/// <summary>What a paired comparison of two rule sets shows at 95%.</summary>
public enum ComparisonVerdict
{
    /// <summary>The interval lies entirely above 0.</summary>
    CandidateRanksBetter,

    /// <summary>The interval lies entirely below 0.</summary>
    CandidateRanksWorse,

    /// <summary>The interval contains 0.</summary>
    NoDifferenceShown,

    /// <summary>No AUC (no late or no on-time invoice), so nothing to compare.</summary>
    Undefined,
}

/// <summary>
/// The candidate's AUC against the shipped one on the same invoices, the paired difference (candidate − shipped) and
/// its 95% percentile interval over <see cref="Resamples"/> bootstrap resamples of the customers.
/// <see cref="ResamplesUsed"/> counts the resamples that held both a late and an on-time invoice (the others have no AUC).
/// </summary>
public sealed record AucComparison(
    int Invoices,
    int Customers,
    double? ShippedAuc,
    double? CandidateAuc,
    int Resamples,
    int ResamplesUsed,
    double? Lower,
    double? Upper)
{
    public double? Difference => ShippedAuc is { } shipped && CandidateAuc is { } candidate ? candidate - shipped : null;

    public ComparisonVerdict Verdict =>
        Difference is null || Lower is null || Upper is null ? ComparisonVerdict.Undefined
        : Lower > 0 ? ComparisonVerdict.CandidateRanksBetter
        : Upper < 0 ? ComparisonVerdict.CandidateRanksWorse
        : ComparisonVerdict.NoDifferenceShown;
}

/// <summary>
/// Paired bootstrap of the AUC difference between two scorings of the same invoices. It resamples <b>customers</b>,
/// not invoices: one customer's invoices are scored from one history and paid by one payer, so they are correlated,
/// and resampling them one by one would give an interval far too narrow. Each resample draws as many customers as
/// there are, with replacement, takes every invoice of each drawn customer (twice if drawn twice) under both scorings,
/// and computes both AUCs with <see cref="RocAuc"/>; the interval is the 2.5th and 97.5th percentile of the differences.
/// Deterministic for a given seed (<see cref="Random(int)"/>, whose seeded sequence is the same on every runtime).
/// </summary>
public static class PairedBootstrap
{
    public const int DefaultResamples = 200;

    public static AucComparison Compare(IReadOnlyList<BacktestObservation> shipped, IReadOnlyList<BacktestObservation> candidate, int resamples, int seed)
    {
        Require.NotNull(shipped, "The shipped rule set's observations");
        Require.NotNull(candidate, "The candidate rule set's observations");
        if (resamples < 1)
        {
            throw new CreditInputException("The bootstrap needs at least 1 resample; " + resamples + " was given.");
        }

        if (shipped.Count != candidate.Count)
        {
            throw new CreditInputException("A paired comparison needs the same invoices under both rule sets: " + shipped.Count + " against " + candidate.Count + ".");
        }

        // Paired by position: both came from the same replay order. Checked, so a misaligned pair is never compared.
        var customerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var invoicesOfCustomer = new List<List<int>>();
        for (var i = 0; i < shipped.Count; i++)
        {
            if (!string.Equals(shipped[i].CustomerId, candidate[i].CustomerId, StringComparison.Ordinal)
                || !string.Equals(shipped[i].InvoiceId, candidate[i].InvoiceId, StringComparison.Ordinal)
                || shipped[i].PaidLate != candidate[i].PaidLate)
            {
                throw new CreditInputException("A paired comparison needs the same invoices in the same order under both rule sets; invoice " + (i + 1) + " differs ('" + shipped[i].InvoiceId + "' against '" + candidate[i].InvoiceId + "').");
            }

            if (!customerIndex.TryGetValue(shipped[i].CustomerId, out var c))
            {
                c = invoicesOfCustomer.Count;
                customerIndex.Add(shipped[i].CustomerId, c);
                invoicesOfCustomer.Add([]);
            }

            invoicesOfCustomer[c].Add(i);
        }

        var shippedAuc = RocAuc.Compute(shipped.Select(o => new ScoredOutcome(o.Risk, o.PaidLate)).ToList());
        var candidateAuc = RocAuc.Compute(candidate.Select(o => new ScoredOutcome(o.Risk, o.PaidLate)).ToList());
        var differences = new List<double>(resamples);
        if (shippedAuc is not null && candidateAuc is not null)
        {
            var random = new Random(seed);
            var customers = invoicesOfCustomer.Count;
            for (var r = 0; r < resamples; r++)
            {
                var shippedSample = new List<ScoredOutcome>(shipped.Count);
                var candidateSample = new List<ScoredOutcome>(shipped.Count);
                for (var d = 0; d < customers; d++)
                {
                    foreach (var i in invoicesOfCustomer[random.Next(customers)])
                    {
                        shippedSample.Add(new ScoredOutcome(shipped[i].Risk, shipped[i].PaidLate));
                        candidateSample.Add(new ScoredOutcome(candidate[i].Risk, candidate[i].PaidLate));
                    }
                }

                if (RocAuc.Compute(shippedSample) is { } s && RocAuc.Compute(candidateSample) is { } c)
                {
                    differences.Add(c - s);
                }
            }
        }

        differences.Sort();
        return new AucComparison(
            shipped.Count,
            invoicesOfCustomer.Count,
            shippedAuc,
            candidateAuc,
            resamples,
            differences.Count,
            differences.Count > 0 ? Percentile(differences, 0.025) : null,
            differences.Count > 0 ? Percentile(differences, 0.975) : null);
    }

    /// <summary>The p-quantile of sorted values, interpolated between the two nearest ranks.</summary>
    private static double Percentile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
