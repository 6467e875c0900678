namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// How one factor moved a score: its measure, the band's points, its share of the weight among measured factors, and
/// the points it adds to the score (points × weight share; contributions add up to the score). Reason is plain words.
/// </summary>
public sealed record FactorContribution(ScoringFactor Factor, double Measure, double Points, double WeightShare, double Contribution, string Reason);
