using System.Globalization;
using CreditOS.CreditEngine.Simulation;

namespace CreditOS.Cli.Simulation;

/// <summary>The side-by-side comparison of two replays, as console text.</summary>
internal static class SimulationTextReport
{
    public static void Write(TextWriter output, SimulationComparison comparison)
    {
        var active = comparison.Active;
        var candidate = comparison.Candidate;
        output.WriteLine("Replay of the last " + PortfolioSimulator.Months + " months of " + comparison.Customers + " customers (" + comparison.Portfolio + "), as of "
            + comparison.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ": active '" + active.ConfigurationName + "' against candidate '" + candidate.ConfigurationName + "'.");
        output.WriteLine();
        output.WriteLine(Row("", "active", "candidate"));
        output.WriteLine(Row("orders approved / held / refused", Outcomes(active.Total), Outcomes(candidate.Total)));
        output.WriteLine(Row("orders awaiting prepayment", Count(active.Total.AwaitingPrepayment), Count(candidate.Total.AwaitingPrepayment)));
        output.WriteLine(Row("Finance approvals per day", Number(active.FinanceApprovalsPerDay), Number(candidate.FinanceApprovalsPerDay)));
        output.WriteLine(Row("average utilization", Percent(active.AverageUtilization), Percent(candidate.AverageUtilization)));
        output.WriteLine(Row("peak utilization", Percent(active.PeakUtilization), Percent(candidate.PeakUtilization)));
        output.WriteLine(Row("late-paid exposure caught", Money(active.Total.LatePaidExposureCaught), Money(candidate.Total.LatePaidExposureCaught)));
        Groups(output, "By segment", active, candidate, r => r.BySegment);
        Groups(output, "By tier (at the time of the order; utilization of the months the customers were in it)", active, candidate, r => r.ByTier);
        output.WriteLine();
        output.WriteLine("Customers who change tier: " + comparison.TierChanges.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var change in comparison.TierChanges)
        {
            output.WriteLine("  " + change.CustomerId + " (" + change.Segment + "): " + change.ActiveTier + " -> " + change.CandidateTier);
        }
    }

    private static void Groups(TextWriter output, string title, SimulationResult active, SimulationResult candidate, Func<SimulationResult, IReadOnlyDictionary<string, SimulationTally>> groups)
    {
        output.WriteLine();
        output.WriteLine(title + ":");
        output.WriteLine("  (approved / held / refused / awaiting prepayment; Finance approvals per day; average / peak utilization; late-paid exposure caught)");
        foreach (var key in groups(active).Keys.Union(groups(candidate).Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            output.WriteLine("  " + key);
            output.WriteLine("    active     " + Group(groups(active), key, active.Days));
            output.WriteLine("    candidate  " + Group(groups(candidate), key, candidate.Days));
        }
    }

    private static string Group(IReadOnlyDictionary<string, SimulationTally> tallies, string key, int days) =>
        tallies.TryGetValue(key, out var tally)
            ? Outcomes(tally) + " / " + Count(tally.AwaitingPrepayment) + "; " + Number(tally.HeldPerDay(days)) + " a day; "
                + Percent(tally.AverageUtilization) + " / " + Percent(tally.PeakUtilization) + "; " + Money(tally.LatePaidExposureCaught)
            : "-";

    private static string Outcomes(SimulationTally tally) =>
        tally.Approved.ToString(CultureInfo.InvariantCulture) + " / " + tally.Held.ToString(CultureInfo.InvariantCulture) + " / " + tally.Refused.ToString(CultureInfo.InvariantCulture);

    private static string Row(string label, string active, string candidate) => label.PadRight(36) + active.PadLeft(30) + candidate.PadLeft(30);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A group's utilization; "no limit" when it never had one (starter or prepayment terms only).</summary>
    internal static string Percent(double? share) => share is { } value ? Percent(value) : "no limit";

    internal static string Money(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);
}
