namespace CreditOS.CreditEngine.Exposure;

/// <summary>An exposure observation (e.g. the nightly snapshot).</summary>
public readonly record struct ExposurePoint(DateTime Date, decimal Exposure);

/// <summary>
/// Rolling-average exposure for reporting: the average over the last N days of the exposure in force each day
/// (the latest observation on or before that day; zero before the first observation).
/// </summary>
public static class RollingExposure
{
    public static decimal Average(IEnumerable<ExposurePoint> points, DateTime asOf, int days)
    {
        Require.NotNull(points, "The exposure observations");
        if (days <= 0)
        {
            throw new CreditInputException("The rolling window must be at least one day (got " + days + ").");
        }

        var ordered = points.Where(p => p.Date.Date <= asOf.Date).OrderBy(p => p.Date).ToList();
        var first = asOf.Date.AddDays(1 - days);
        var index = 0;
        var current = 0m;
        var total = 0m;
        for (var day = first; day <= asOf.Date; day = day.AddDays(1))
        {
            while (index < ordered.Count && ordered[index].Date.Date <= day)
            {
                current = ordered[index].Exposure;
                index++;
            }

            total += current;
        }

        return total / days;
    }
}
