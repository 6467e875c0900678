namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// A factor's bands and its weight in its score (the classic "range value × weight" scheme). Maps to a
/// cos_scoringrule row (factor, weight) with its bands; weights are relative within a score.
/// </summary>
public sealed record ScoringRule(ScoringFactor Factor, double Weight, IReadOnlyList<ScoreBand> Bands)
{
    /// <summary>Points for a measure, or null when no band covers it (a configuration the validator rejects).</summary>
    public double? PointsFor(double measure)
    {
        if (Bands.Count == 0)
        {
            return null;
        }

        var lowest = Bands[0];
        foreach (var band in Bands)
        {
            if (band.Contains(measure))
            {
                return band.Points;
            }

            if ((band.LowerBound ?? double.NegativeInfinity) < (lowest.LowerBound ?? double.NegativeInfinity))
            {
                lowest = band;
            }
        }

        return lowest.LowerBound is { } floor && measure < floor ? lowest.Points : null;
    }
}
