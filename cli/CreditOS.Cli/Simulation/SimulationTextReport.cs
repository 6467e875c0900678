using System.Globalization;
using CreditOS.CreditEngine.Decisions;
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
        output.WriteLine();
        output.WriteLine("Why orders were not approved at once (" + ReasonColumns + "):");
        foreach (var code in ReasonCodes(active.Total, candidate.Total))
        {
            output.WriteLine(ReasonRow("  " + DecisionReasonLabel.Of(code), Reason(active.Total, code), Reason(candidate.Total, code)));
        }

        Groups(output, "By segment", active, candidate, r => r.BySegment);
        Groups(output, "By tier (at the time of the order; utilization of the months the customers were in it)", active, candidate, r => r.ByTier);
        Reasons(output, "Why orders were not approved at once, by segment", active, candidate, r => r.BySegment);
        Reasons(output, "Why orders were not approved at once, by tier", active, candidate, r => r.ByTier);
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

    private static void Reasons(TextWriter output, string title, SimulationResult active, SimulationResult candidate, Func<SimulationResult, IReadOnlyDictionary<string, SimulationTally>> groups)
    {
        output.WriteLine();
        output.WriteLine(title + ":");
        output.WriteLine("  (" + ReasonColumns + ")");
        foreach (var key in groups(active).Keys.Union(groups(candidate).Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            output.WriteLine("  " + key);
            output.WriteLine("    active     " + GroupReasons(groups(active), key));
            output.WriteLine("    candidate  " + GroupReasons(groups(candidate), key));
        }
    }

    private static string GroupReasons(IReadOnlyDictionary<string, SimulationTally> tallies, string key) =>
        !tallies.TryGetValue(key, out var tally) ? "-"
        : tally.StopReasons.Count == 0 ? "none"
        : string.Join("; ", tally.StopReasons.Select(r => DecisionReasonLabel.Of(r.Key) + " " + Reason(tally, r.Key)));

    /// <summary>What the three reason figures are; an order stopped for two reasons counts under each.</summary>
    internal const string ReasonColumns = "orders it stopped / stopped alone / customer then paid late; an order stopped for two reasons counts under each";

    internal static IEnumerable<DecisionReasonCode> ReasonCodes(SimulationTally active, SimulationTally candidate) =>
        active.StopReasons.Keys.Union(candidate.StopReasons.Keys).OrderBy(c => c);

    internal static string Reason(SimulationTally tally, DecisionReasonCode code) =>
        tally.StopReasons.TryGetValue(code, out var count)
            ? Count(count.Orders) + " / " + Count(count.Alone) + " / " + Count(count.ThenPaidLate)
            : "0 / 0 / 0";

    private static string Group(IReadOnlyDictionary<string, SimulationTally> tallies, string key, int days) =>
        tallies.TryGetValue(key, out var tally)
            ? Outcomes(tally) + " / " + Count(tally.AwaitingPrepayment) + "; " + Number(tally.HeldPerDay(days)) + " a day; "
                + Percent(tally.AverageUtilization) + " / " + Percent(tally.PeakUtilization) + "; " + Money(tally.LatePaidExposureCaught)
            : "-";

    private static string Outcomes(SimulationTally tally) =>
        tally.Approved.ToString(CultureInfo.InvariantCulture) + " / " + tally.Held.ToString(CultureInfo.InvariantCulture) + " / " + tally.Refused.ToString(CultureInfo.InvariantCulture);

    private static string Row(string label, string active, string candidate) => label.PadRight(36) + active.PadLeft(30) + candidate.PadLeft(30);

    private static string ReasonRow(string label, string active, string candidate) => label.PadRight(58) + active.PadLeft(22) + candidate.PadLeft(22);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A group's utilization; "no limit" when it never had one (starter or prepayment terms only).</summary>
    internal static string Percent(double? share) => share is { } value ? Percent(value) : "no limit";

    internal static string Money(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);
}
