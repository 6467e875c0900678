using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Bureau;

/// <summary>The daily bureau monitoring job (section <c>BureauMonitoring</c>); the bureau itself is the <c>Bureau</c> section.</summary>
public sealed class BureauMonitoringOptions
{
    public const string SectionName = "BureauMonitoring";

    /// <summary>The bureau portfolio creditOS keeps its monitored customers in (created when missing).</summary>
    [Required]
    public string PortfolioName { get; set; } = "creditOS monitored customers";

    /// <summary>
    /// How far back each run asks for events. Runs overlap on purpose: an event already stored is recognised by its id and
    /// writes nothing, so a run that failed or a day the bureau was down loses nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "31.00:00:00")]
    public TimeSpan EventLookback { get; set; } = TimeSpan.FromDays(3);
}
