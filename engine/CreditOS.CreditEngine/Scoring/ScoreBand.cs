namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// One row of a scoring rule: a measure in [<paramref name="LowerBound"/>, <paramref name="UpperBound"/>) earns
/// <paramref name="Points"/> (0-100). A null bound is open-ended. Measures below the lowest band use the lowest band.
/// </summary>
public sealed record ScoreBand(double? LowerBound, double? UpperBound, double Points)
{
    public bool Contains(double measure) =>
        (LowerBound is not { } lower || measure >= lower) && (UpperBound is not { } upper || measure < upper);
}
