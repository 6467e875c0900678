namespace CreditOS.Integration.Worker.Bureau;

/// <summary>What one run of the monitoring job did, with every problem in words a person can act on.</summary>
public sealed class BureauMonitoringResult
{
    public int Enrolled { get; set; }

    public int NotFound { get; set; }

    /// <summary>Accounts whose monitoring was switched off, removed from the bureau portfolio.</summary>
    public int Withdrawn { get; set; }

    public int EventsPulled { get; set; }

    public int ReportsWritten { get; set; }

    /// <summary>Events the bureau delivered again unchanged: nothing written.</summary>
    public int Duplicates { get; set; }

    /// <summary>Events whose id was stored with other content: not written, reported.</summary>
    public List<string> Conflicts { get; } = [];

    /// <summary>Companies or accounts skipped this run (malformed report, unknown company, Dataverse refusal).</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Set when the bureau was down or throttling after the client's retries: the run stopped; the next one resumes.</summary>
    public string? Interrupted { get; set; }

    public bool Completed => Interrupted is null;

    public override string ToString() =>
        $"{Enrolled} enrolled, {NotFound} not found, {EventsPulled} event(s) pulled, {ReportsWritten} report(s) written, {Duplicates} duplicate(s), {Conflicts.Count} conflict(s), {Failures.Count} failure(s)"
        + (Withdrawn == 0 ? string.Empty : $", {Withdrawn} withdrawn")
        + (Interrupted is null ? string.Empty : "; interrupted: " + Interrupted);
}
