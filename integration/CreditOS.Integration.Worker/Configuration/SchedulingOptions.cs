using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>The scheduled batch rescore (with the daily KPI snapshot) and the daily bureau refresh.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    public bool BatchRescoreEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan BatchRescoreInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Accounts per page; Dataverse returns at most 5,000 rows per page.</summary>
    [Range(1, 5000)]
    public int BatchRescorePageSize { get; set; } = 1000;

    /// <summary>Each batch rescore pass ends by writing the day's portfolio KPI snapshot (cos_portfoliokpi).</summary>
    public bool KpiSnapshotEnabled { get; set; } = true;

    public bool BureauRefreshEnabled { get; set; } = true;

    /// <summary>Time of day (UTC) of the daily bureau refresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan BureauRefreshTimeOfDayUtc { get; set; } = TimeSpan.FromHours(2);
}
