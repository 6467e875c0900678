namespace CreditOS.Cli.Demo.Environment;

/// <summary>
/// The local Dataverse's clock during the demo: "today" is the day after the generated history ends, so every
/// plugin, score and KPI sees the same date on every run. It moves only when the story says so.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public DateTime Today => _now.UtcDateTime.Date;

    public DateTime UtcNow => _now.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now = _now.Add(by);
}
