namespace CreditOS.CreditEngine.Exposure;

/// <summary>
/// Exposure against the limit: available credit = limit − exposure (negative when over), utilization = exposure ÷ limit.
/// The one formula every host uses (order check, rescoring, Finance limit changes, alerts, reports): the limit is the
/// one in force on the day (a valid temporary limit counts), exposure is <see cref="ExposureSnapshot.Total"/>.
/// </summary>
public readonly record struct ExposureFigures(decimal Limit, decimal Exposure)
{
    /// <summary>Utilization is stored in percent with the column's ceiling; an exposure without limit shows as the ceiling.</summary>
    public const decimal MaximumUtilizationPercent = 100_000m;

    private const int PercentDecimals = 2;

    public decimal Available => Limit - Exposure;

    /// <summary>Exposure ÷ limit; with no limit, 0 without exposure and infinite with some.</summary>
    public double Utilization => Limit > 0 ? (double)(Exposure / Limit) : Exposure > 0 ? double.PositiveInfinity : 0;

    /// <summary>Utilization in percent, two decimals, at most <see cref="MaximumUtilizationPercent"/> (also for an exposure without limit).</summary>
    public decimal UtilizationPercent
    {
        get
        {
            var utilization = Utilization;
            if (double.IsInfinity(utilization) || utilization * 100 >= (double)MaximumUtilizationPercent)
            {
                return MaximumUtilizationPercent;
            }

            return Math.Round((decimal)utilization * 100m, PercentDecimals, MidpointRounding.AwayFromZero);
        }
    }

    public static ExposureFigures Of(ExposureSnapshot snapshot, CreditLimitState limit, DateTime asOf, decimal additionalOrder = 0m)
    {
        Require.NotNull(snapshot, "The exposure snapshot");
        Require.NotNull(limit, "The credit limit");
        return new ExposureFigures(limit.EffectiveLimit(asOf), snapshot.Total + additionalOrder);
    }

    /// <summary>
    /// The figures stored on an account row (open receivables and open orders), against the limit in force on
    /// <paramref name="asOf"/>.
    /// </summary>
    public static ExposureFigures OfAccount(decimal openReceivables, decimal openOrders, CreditLimitState limit, DateTime asOf, string currency = "XXX") =>
        Of(new ExposureSnapshot { Currency = currency, OpenReceivables = Math.Max(0m, openReceivables), OpenOrdersNotInvoiced = Math.Max(0m, openOrders) }, limit, asOf);
}
