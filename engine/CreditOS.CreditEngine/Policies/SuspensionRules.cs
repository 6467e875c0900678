namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// What suspends new orders at once, whatever the tier (a manual hold is not a suspension: it sends orders to Finance). A bureau deterioration is a solvency drop of at least
/// <see cref="SolvencyDropPoints"/> between the last two reports, or a rating at or below <see cref="RatingFloor"/>.
/// </summary>
public sealed record SuspensionRules
{
    public bool SuspendOnJudgment { get; init; } = true;
    public bool SuspendOnFraud { get; init; } = true;

    /// <summary>A privilege (a preferential creditor's lien: tax, social security) on the latest report suspends, as a judgment does.</summary>
    public bool SuspendOnPrivilege { get; init; } = true;
    public int SolvencyDropPoints { get; init; } = 25;
    public History.BureauRating RatingFloor { get; init; } = History.BureauRating.E;
}
