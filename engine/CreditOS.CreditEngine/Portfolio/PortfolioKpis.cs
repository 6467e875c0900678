using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Portfolio;

/// <summary>
/// Portfolio KPIs. Utilization rate = total exposure ÷ total limit of accounts with a limit (target below 70%).
/// DSO (period method) = open receivables ÷ credit sales over the period × days in the period.
/// </summary>
public sealed record PortfolioKpis
{
    public const double UtilizationTarget = 0.70;

    /// <summary>How <see cref="DaysSalesOutstanding"/> is computed, stored with every KPI snapshot.</summary>
    public const string DsoMethod = "Period method: open receivables / credit sales invoiced over the period x days in the period";

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

    /// <summary>Utilization per segment (accounts with a limit), ordered by segment.</summary>
    public required IReadOnlyList<SegmentUtilization> SegmentUtilizations { get; init; }

    /// <summary>How many accounts with a limit sit in each utilization band.</summary>
    public required UtilizationBands UtilizationBands { get; init; }

    public bool UtilizationWithinTarget => UtilizationRate < UtilizationTarget;
}

/// <summary>
/// Orders checked in a segment; rejected = blocked or suspended, held = sent to Finance for approval, awaiting
/// prepayment = customers on prepayment terms whose order waits for the payment (neither rejected nor Finance's).
/// </summary>
public sealed record SegmentRejectionRate(string Segment, int OrdersChecked, int Rejected, int Held, int AwaitingPrepayment = 0)
{
    public double RejectionRate => OrdersChecked > 0 ? (double)Rejected / OrdersChecked : 0;

    public double HoldRate => OrdersChecked > 0 ? (double)Held / OrdersChecked : 0;
}

/// <summary>A segment's exposure over its total limit (accounts with a limit only).</summary>
public sealed record SegmentUtilization(string Segment, int Accounts, decimal TotalLimit, decimal Exposure)
{
    public double UtilizationRate => TotalLimit > 0 ? (double)(Exposure / TotalLimit) : 0;
}

/// <summary>
/// The utilization distribution: accounts with a limit below 50%, from 50% to below 80%, from 80% to below 95%
/// (the warning band) and from 95% (orders will be held).
/// </summary>
public sealed record UtilizationBands(int Under50, int From50To80, int From80To95, int From95)
{
    public static UtilizationBands Empty { get; } = new(0, 0, 0, 0);

    public UtilizationBands Add(double utilization) => utilization switch
    {
        < 0.50 => this with { Under50 = Under50 + 1 },
        < 0.80 => this with { From50To80 = From50To80 + 1 },
        < 0.95 => this with { From80To95 = From80To95 + 1 },
        _ => this with { From95 = From95 + 1 },
    };
}
