namespace CreditOS.CreditEngine.Exposure;

/// <summary>Exposure against the limit: available credit = limit − exposure (negative when over), utilization = exposure ÷ limit.</summary>
public readonly record struct ExposureFigures(decimal Limit, decimal Exposure)
{
    public decimal Available => Limit - Exposure;

    /// <summary>Exposure ÷ limit; with no limit, 0 without exposure and infinite with some.</summary>
    public double Utilization => Limit > 0 ? (double)(Exposure / Limit) : Exposure > 0 ? double.PositiveInfinity : 0;

    public static ExposureFigures Of(ExposureSnapshot snapshot, CreditLimitState limit, DateTime asOf, decimal additionalOrder = 0m)
    {
        Require.NotNull(snapshot, "The exposure snapshot");
        Require.NotNull(limit, "The credit limit");
        return new ExposureFigures(limit.EffectiveLimit(asOf), snapshot.Total + additionalOrder);
    }
}
