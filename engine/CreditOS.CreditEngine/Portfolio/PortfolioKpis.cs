using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Portfolio;

/// <summary>
/// Portfolio KPIs. Utilization rate = total exposure ÷ total limit of accounts with a limit (target below 70%).
/// DSO (period method) = open receivables ÷ credit sales over the period × days in the period.
/// </summary>
public sealed record PortfolioKpis
{
    public const double UtilizationTarget = 0.70;

    public required string Currency { get; init; }
    public required int AccountCount { get; init; }
    public required decimal TotalLimit { get; init; }
    public required decimal TotalExposure { get; init; }
    public required double UtilizationRate { get; init; }
    public required IReadOnlyList<SegmentRejectionRate> RejectionRates { get; init; }

    /// <summary>Days sales outstanding; null when there were no credit sales in the period.</summary>
    public required double? DaysSalesOutstanding { get; init; }

    public required int DsoPeriodDays { get; init; }
    public required AgingBalance AgingTotals { get; init; }
    public required double StarterTermsShare { get; init; }

    public bool UtilizationWithinTarget => UtilizationRate < UtilizationTarget;
}

/// <summary>
/// Orders checked in a segment; rejected = blocked or suspended, held = sent to Finance for approval.
/// </summary>
public sealed record SegmentRejectionRate(string Segment, int OrdersChecked, int Rejected, int Held)
{
    public double RejectionRate => OrdersChecked > 0 ? (double)Rejected / OrdersChecked : 0;

    public double HoldRate => OrdersChecked > 0 ? (double)Held / OrdersChecked : 0;
}
