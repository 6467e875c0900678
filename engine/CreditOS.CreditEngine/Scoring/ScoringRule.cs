namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// A factor's bands and its weight in its score (the classic "range value × weight" scheme). Maps to a
/// cos_scoringrule row (factor, weight) with its bands; weights are relative within a score.
/// <para>
/// Points do not jump at band edges: each band's points sit at its middle (at its one bound when the band is open on
/// the other side) and a measure between two such anchors gets points on the straight line between them; below the
/// first anchor and above the last the points stay flat. So "0-5% late = 0 points, 5-15% = 20 points" gives 10% late
/// 20 points and 7.5% late 10 points, and bands in increasing order of points keep the score monotone. Factors that
/// count whole things (promises, judgments, months, the rating) keep their bands' points as they are: a count has no
/// in-between to smooth.
/// </para>
/// </summary>
public sealed record ScoringRule(ScoringFactor Factor, double Weight, IReadOnlyList<ScoreBand> Bands)
{
    /// <summary>Points for a measure, or null when no band covers it (a configuration the validator rejects).</summary>
    public double? PointsFor(double measure)
    {
        if (Bands.Count == 0 || BandPoints(measure) is null)
        {
            return null;
        }

        if (Factor.IsWholeNumber())
        {
            return BandPoints(measure);
        }

        var anchors = Anchors();
        var below = -1;
        while (below + 1 < anchors.Length && anchors[below + 1].At <= measure)
        {
            below++;
        }

        if (below < 0)
        {
            return anchors[0].Points;
        }

        if (below == anchors.Length - 1)
        {
            return anchors[below].Points;
        }

        var from = anchors[below];
        var to = anchors[below + 1];
        return from.Points + ((to.Points - from.Points) * (measure - from.At) / (to.At - from.At));
    }

    /// <summary>The points of the band holding the measure, without interpolation (what the band table says).</summary>
    public double? BandPoints(double measure)
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

    /// <summary>The bands' anchors in increasing order of measure (a stable sort, as OrderBy was: equal anchors keep the bands' order).</summary>
    private Anchor[] Anchors()
    {
        // One small array per call, no LINQ: the payment posting scores every factor of both scores on every payment.
        var anchors = new Anchor[Bands.Count];
        for (var index = 0; index < anchors.Length; index++)
        {
            var band = Bands[index];
            var anchor = new Anchor(
                band switch
                {
                    { LowerBound: { } lower, UpperBound: { } upper } => (lower + upper) / 2,
                    { LowerBound: { } lower } => lower,
                    { UpperBound: { } upper } => upper,
                    _ => 0,
                },
                band.Points);
            var at = index;
            while (at > 0 && anchors[at - 1].At > anchor.At)
            {
                anchors[at] = anchors[at - 1];
                at--;
            }

            anchors[at] = anchor;
        }

        return anchors;
    }

    private readonly record struct Anchor(double At, double Points);
}
