using System.Globalization;
using CreditOS.CreditEngine.Exposure;

namespace CreditOS.CreditEngine.Collections.Monitoring;

/// <summary>
/// Decides which configured conditions hold for an account and which of them are new occurrences. An occurrence has a
/// key, so however often the daily batch and the events evaluate, one occurrence gives one action item:
/// <list type="bullet">
/// <item>events have one occurrence each: a broken promise, an invoice past the days, a tier downgrade (its score-history
/// row), a bureau deterioration (its change row): <c>mon:{condition}:{event}</c>;</item>
/// <item>account states (risk score, overdue amount, utilization above a threshold) have one occurrence while they hold:
/// <c>mon:{condition}:{account}:{day it began}</c>; when the state no longer holds the occurrence ends, and holding again
/// later is a new occurrence.</item>
/// </list>
/// </summary>
public static class ConditionMonitor
{
    public const string KeyPrefix = "mon:";

    public static MonitorOutcome Evaluate(IEnumerable<MonitorCondition> conditions, MonitorFacts facts, IEnumerable<MonitorOccurrence> recorded, DateTime asOf)
    {
        Require.NotNull(conditions, "The conditions");
        Require.NotNull(facts, "The facts");
        Require.NotNull(recorded, "The recorded occurrences");
        var known = recorded.ToList();
        var items = new List<ActionItem>();
        var ended = new List<string>();
        foreach (var condition in conditions.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id))
        {
            if (condition.IsAccountState)
            {
                EvaluateState(condition, facts, known, asOf, items, ended);
            }
            else
            {
                foreach (var occurrence in Events(condition, facts, asOf))
                {
                    if (!known.Any(o => o.Key == occurrence.Key))
                    {
                        items.Add(new ActionItem(condition.Id, occurrence.Key, Truncate(occurrence.Subject), occurrence.Description, Due(condition, asOf)));
                    }
                }
            }
        }

        return new MonitorOutcome(items, ended);
    }

    /// <summary>The keys of every event occurrence the facts show: a host reads which of them are already recorded.</summary>
    public static IReadOnlyList<string> EventKeys(IEnumerable<MonitorCondition> conditions, MonitorFacts facts, DateTime asOf)
    {
        Require.NotNull(conditions, "The conditions");
        Require.NotNull(facts, "The facts");
        return [.. conditions.Where(c => !c.IsAccountState).SelectMany(c => Events(c, facts, asOf).Select(e => e.Key))];
    }

    /// <summary>The key prefix of an account-state condition's occurrences on the account.</summary>
    public static string StatePrefix(Guid conditionId, Guid accountId) =>
        KeyPrefix + conditionId.ToString("N") + ":" + accountId.ToString("N") + ":";

    private static void EvaluateState(MonitorCondition condition, MonitorFacts facts, List<MonitorOccurrence> known, DateTime asOf, List<ActionItem> items, List<string> ended)
    {
        var prefix = StatePrefix(condition.Id, facts.AccountId);
        var open = known.Where(o => !o.Ended && o.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(o => o.Key).ToList();
        var holds = StateHolds(condition, facts, out var subject, out var description);
        if (!holds)
        {
            ended.AddRange(open);
            return;
        }

        var key = prefix + asOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Holding since an earlier day (open), or already recorded today and ended the same day: the same occurrence.
        if (open.Count == 0 && !known.Any(o => o.Key == key))
        {
            items.Add(new ActionItem(condition.Id, key, Truncate(subject), description, Due(condition, asOf)));
        }
    }

    private static bool StateHolds(MonitorCondition condition, MonitorFacts facts, out string subject, out string description)
    {
        var money = (decimal amount) => MoneyText.Format(facts.Currency, amount);
        switch (condition.Kind)
        {
            case MonitorConditionKind.RiskScoreAbove:
                subject = facts.AccountName + ": Risk score " + Number(facts.RiskScore ?? 0) + " above " + Number(condition.Threshold);
                description = condition.Name + ": the Risk score is " + Number(facts.RiskScore ?? 0) + ", above the condition's " + Number(condition.Threshold) + ".";
                return facts.RiskScore is { } risk && risk > condition.Threshold;
            case MonitorConditionKind.OverdueAmountAbove:
                subject = facts.AccountName + ": overdue " + money(facts.Overdue) + " above " + money(condition.Threshold);
                description = condition.Name + ": the overdue balance is " + money(facts.Overdue) + ", above the condition's " + money(condition.Threshold)
                    + "; exposure " + money(facts.Exposure) + " against a limit of " + money(facts.Limit) + ".";
                return facts.Overdue > condition.Threshold;
            default:
                var figures = new ExposureFigures(facts.Limit, facts.Exposure);
                subject = facts.AccountName + ": utilization " + Number(figures.UtilizationPercent) + "% above " + Number(condition.Threshold) + "%";
                description = condition.Name + ": exposure " + money(facts.Exposure) + " against a limit of " + money(facts.Limit) + " is "
                    + Number(figures.UtilizationPercent) + "% utilization, above the condition's " + Number(condition.Threshold) + "%.";
                return figures.Exposure > 0 && figures.UtilizationPercent > condition.Threshold;
        }
    }

    private static IEnumerable<MonitorEvent> Events(MonitorCondition condition, MonitorFacts facts, DateTime asOf)
    {
        var money = (decimal amount) => MoneyText.Format(facts.Currency, amount);
        switch (condition.Kind)
        {
            case MonitorConditionKind.BrokenPromise:
                foreach (var promise in facts.BrokenPromises)
                {
                    yield return new MonitorEvent(
                        EventKey(condition, promise.Id),
                        facts.AccountName + ": promise " + promise.Name + " broken",
                        condition.Name + ": the promise to pay " + money(promise.Amount) + " by " + Require.Day(promise.PromisedDate) + " was broken; "
                        + money(promise.KeptAmount) + " arrived, " + money(Math.Max(0m, promise.Amount - promise.KeptAmount)) + " is missing.");
                }

                break;
            case MonitorConditionKind.OverdueDaysAbove:
                foreach (var invoice in facts.OverdueInvoices)
                {
                    var days = (asOf.Date - invoice.DueDate.Date).Days;
                    if (days > condition.Threshold)
                    {
                        yield return new MonitorEvent(
                            EventKey(condition, invoice.Id),
                            facts.AccountName + ": invoice " + invoice.Number + " " + days.ToString(CultureInfo.InvariantCulture) + " days overdue",
                            condition.Name + ": invoice " + invoice.Number + " (open " + money(invoice.OpenAmount) + ", due " + Require.Day(invoice.DueDate) + ") is "
                            + days.ToString(CultureInfo.InvariantCulture) + " days overdue, more than the condition's " + Number(condition.Threshold) + " days.");
                    }
                }

                break;
            case MonitorConditionKind.TierDowngrade:
                if (facts.LatestTierChange is { IsDowngrade: true } change)
                {
                    yield return new MonitorEvent(
                        EventKey(condition, change.HistoryId),
                        facts.AccountName + ": tier down from " + change.FromTier + " to " + change.ToTier,
                        condition.Name + ": the rescoring of " + Require.Day(change.ScoredOn) + " moved the credit tier down from " + change.FromTier + " to " + change.ToTier
                        + "; Risk score " + Number(facts.RiskScore ?? 0) + ", exposure " + money(facts.Exposure) + " against a limit of " + money(facts.Limit) + ".");
                }

                break;
            case MonitorConditionKind.BureauDeterioration:
                foreach (var deterioration in facts.BureauDeteriorations)
                {
                    yield return new MonitorEvent(
                        EventKey(condition, deterioration.Id),
                        facts.AccountName + ": bureau " + deterioration.Criterion + " deteriorated",
                        condition.Name + ": on " + Require.Day(deterioration.ChangedOn) + " the bureau reported " + deterioration.Criterion + " " + (deterioration.NewValue ?? "(none)")
                        + ", down from " + (deterioration.PreviousValue ?? "(none)") + ".");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, "The condition " + condition.Name + " has a kind the monitor does not know.");
        }
    }

    private static string EventKey(MonitorCondition condition, Guid eventId) => KeyPrefix + condition.Id.ToString("N") + ":" + eventId.ToString("N");

    private static DateTime Due(MonitorCondition condition, DateTime asOf) => asOf.Date.AddDays(Math.Max(0, condition.DueInDays));

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // The task's subject holds 200 characters; the description keeps every figure.
    private static string Truncate(string subject) => subject.Length <= 200 ? subject : subject.Substring(0, 197) + "...";
}

/// <summary>One event occurrence the facts show: its key and the action item's text.</summary>
internal sealed record MonitorEvent(string Key, string Subject, string Description);
