using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Applications;

/// <summary>The bureau lookup of submitted credit applications (configuration section <c>CreditApplications</c>).</summary>
public sealed class CreditApplicationOptions
{
    public const string SectionName = "CreditApplications";

    /// <summary>Runs only where a bureau is configured (section <c>Bureau</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often submitted applications are picked up (and those waiting for the bureau retried).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Applications handled per pass.</summary>
    [Range(1, 500)]
    public int PageSize { get; set; } = 50;
}
