namespace CreditOS.CreditEngine.Simulation;

/// <summary>One configuration's replay of a portfolio: outcomes by segment and tier, Finance load, utilization by month, tiers at the end.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(
        string configurationName,
        DateTime start,
        SimulationTally total,
        IReadOnlyDictionary<string, SimulationTally> bySegment,
        IReadOnlyDictionary<string, SimulationTally> byTier,
        IReadOnlyDictionary<string, string> finalTiers,
        int days)
    {
        ConfigurationName = configurationName;
        Total = total;
        BySegment = bySegment;
        ByTier = byTier;
        Utilization = Enumerable.Range(0, PortfolioSimulator.Months)
            .Select(m => new MonthlyUtilization(start.AddMonths(m + 1).AddDays(-1), total.MonthExposure[m], total.MonthLimit[m]))
            .ToList();
        FinalTiers = finalTiers;
        Days = days;
    }

    public string ConfigurationName { get; }

    public SimulationTally Total { get; }

    public IReadOnlyDictionary<string, SimulationTally> BySegment { get; }

    /// <summary>By the tier the customer was in when it ordered, under this configuration.</summary>
    public IReadOnlyDictionary<string, SimulationTally> ByTier { get; }

    /// <summary>Portfolio utilization (Σ exposure ÷ Σ limit) at each month end of the replay.</summary>
    public IReadOnlyList<MonthlyUtilization> Utilization { get; }

    /// <summary>Each customer's tier at the end of the replay.</summary>
    public IReadOnlyDictionary<string, string> FinalTiers { get; }

    public int Days { get; }

    /// <summary>Orders held for Finance per calendar day of the replay.</summary>
    public double FinanceApprovalsPerDay => Total.HeldPerDay(Days);

    public double AverageUtilization => Total.AverageUtilization ?? 0;

    public double PeakUtilization => Total.PeakUtilization ?? 0;
}

/// <summary>Portfolio utilization at a month end.</summary>
public readonly record struct MonthlyUtilization(DateTime MonthEnd, decimal Exposure, decimal Limit)
{
    public double Utilization => Limit > 0 ? (double)(Exposure / Limit) : 0;
}

/// <summary>A customer whose tier at the end of the replay differs between the two configurations.</summary>
public sealed record TierChange(string CustomerId, string Segment, string ActiveTier, string CandidateTier);
