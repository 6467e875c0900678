namespace CreditOS.CreditEngine.Simulation;

/// <summary>One configuration's replay of a portfolio: outcomes by segment and tier, Finance load, utilization by month, tiers at the end.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(
        string configurationName,
        SimulationTally total,
        IReadOnlyDictionary<string, SimulationTally> bySegment,
        IReadOnlyDictionary<string, SimulationTally> byTier,
        IReadOnlyList<MonthlyUtilization> utilization,
        IReadOnlyDictionary<string, string> finalTiers,
        int days)
    {
        ConfigurationName = configurationName;
        Total = total;
        BySegment = bySegment;
        ByTier = byTier;
        Utilization = utilization;
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
    public double FinanceApprovalsPerDay => Days > 0 ? (double)Total.Held / Days : 0;

    public double AverageUtilization => Utilization.Count > 0 ? Utilization.Average(u => u.Utilization) : 0;

    public double PeakUtilization => Utilization.Count > 0 ? Utilization.Max(u => u.Utilization) : 0;
}

/// <summary>Portfolio utilization at a month end.</summary>
public readonly record struct MonthlyUtilization(DateTime MonthEnd, decimal Exposure, decimal Limit)
{
    public double Utilization => Limit > 0 ? (double)(Exposure / Limit) : 0;
}

/// <summary>A customer whose tier at the end of the replay differs between the two configurations.</summary>
public sealed record TierChange(string CustomerId, string Segment, string ActiveTier, string CandidateTier);
