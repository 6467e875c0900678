namespace CreditOS.Solution.Metadata;

/// <summary>
/// How a date and time column keeps its value (the <c>&lt;Behavior&gt;</c> of a datetime attribute in the solution:
/// 1 UserLocal, 2 DateOnly, 3 TimeZoneIndependent). Microsoft documents it in "Behavior and format of the date and time
/// column" (learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute): a DateOnly value
/// has no time and no time zone (the Web API reads and writes it as an Edm.Date, <c>yyyy-MM-dd</c>).
/// </summary>
public enum DateTimeBehavior
{
    UserLocal = 1,
    DateOnly = 2,
    TimeZoneIndependent = 3,
}
