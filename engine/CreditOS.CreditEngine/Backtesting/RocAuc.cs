namespace CreditOS.CreditEngine.Backtesting;

/// <summary>A prediction and what happened.</summary>
public readonly record struct ScoredOutcome(double Score, bool Positive);

/// <summary>
/// Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
/// half (the Mann-Whitney statistic, computed from ranks).
/// </summary>
public static class RocAuc
{
    /// <summary>The AUC, or null when there are no positives or no negatives.</summary>
    public static double? Compute(IReadOnlyList<ScoredOutcome> outcomes)
    {
        Require.NotNull(outcomes, "The scored outcomes");
        var sorted = outcomes.OrderBy(o => o.Score).ToList();
        long positives = 0;
        double positiveRankSum = 0;
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score.Equals(sorted[i].Score))
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (sorted[k].Positive)
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            i = j;
        }

        long negatives = sorted.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
