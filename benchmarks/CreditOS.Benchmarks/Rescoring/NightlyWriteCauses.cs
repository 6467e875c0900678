using System.Globalization;
using System.Text.RegularExpressions;

namespace CreditOS.Benchmarks.Rescoring;

/// <summary>
/// Counts a night's account writes by cause, from the page rescoring's trace ("Account … to write: n column(s) (…),
/// history …, value a->b, risk c->d."): each account written gets the first cause that applies, in this order: its
/// terms changed (risk level, tier, policy, limit, starter terms, suspension, rule-set version; always a history row),
/// a score moved by the material change (a history row, terms unchanged), a balance moved (open receivables, open
/// orders, exposure), an invoice fell due or past its grace (overdue columns), the aging buckets alone, then an account
/// with nothing to write that is re-checked for its held orders or its limit review. Also the columns written, counted
/// one by one, and the score moves of the accounts written for a score alone. Issue 15, session 16.
/// </summary>
internal static partial class NightlyWriteCauses
{
    private static readonly string[] TermsColumns =
        ["cos_risklevel", "cos_credittierid", "cos_creditpolicyid", "creditlimit", "cos_isstarterterms", "cos_issuspended", "cos_suspensionreason", "cos_rulesetversion"];

    private static readonly string[] BalanceColumns = ["cos_openreceivables", "cos_openorders", "cos_exposure", "cos_availablecredit", "cos_utilization"];

    private static readonly string[] OverdueColumns = ["cos_overdueamount", "cos_overduebeyondgrace", "cos_oldestoverduesince"];

    private static readonly string[] AgingColumns = ["cos_currentbalance", "cos_aging1to30", "cos_aging31to60", "cos_aging61to90", "cos_agingover90"];

    public static IEnumerable<string> Lines(IEnumerable<string> traces)
    {
        var causes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var columns = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var scoreMoves = new List<decimal>();
        var accounts = 0;
        foreach (Match match in traces.SelectMany(t => ToWrite().Matches(t)))
        {
            accounts++;
            var written = match.Groups["columns"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries);
            foreach (var column in written)
            {
                columns[column] = columns.GetValueOrDefault(column) + 1;
            }

            var history = match.Groups["history"].Value == "True";
            var cause = history && written.Any(TermsColumns.Contains) ? "terms changed (level/tier/policy/limit/suspension/rule set)"
                : history ? "score moved by the material change, terms unchanged"
                : written.Any(BalanceColumns.Contains) ? "balance moved (open receivables/orders/exposure)"
                : written.Contains("cos_overduebeyondgrace") ? "overdue beyond grace (an invoice passed its grace days)"
                : written.Any(OverdueColumns.Contains) ? "overdue amount or oldest overdue date only (an invoice fell due)"
                : written.Any(AgingColumns.Contains) ? "aging buckets only"
                : written.Length > 0 ? "other columns: " + string.Join("+", written)
                : "nothing to write (held orders or limit review re-checked)";
            causes[cause] = causes.GetValueOrDefault(cause) + 1;
            if (history && !written.Any(TermsColumns.Contains))
            {
                scoreMoves.Add(Math.Max(Move(match, "value"), Move(match, "risk")));
            }
        }

        yield return string.Format(CultureInfo.InvariantCulture, "NIGHTLY-RESCORE writes by cause ({0} accounts to write): {1}", accounts, string.Join("; ", causes.Select(c => c.Key + " " + c.Value)));
        yield return "NIGHTLY-RESCORE columns written: " + string.Join(", ", columns.OrderByDescending(c => c.Value).Select(c => c.Key + " " + c.Value));
        if (scoreMoves.Count > 0)
        {
            scoreMoves.Sort();
            yield return string.Format(
                CultureInfo.InvariantCulture,
                "NIGHTLY-RESCORE score-only moves (largest of value/risk, points): {0} accounts, < 1: {1}, 1-2: {2}, >= 2: {3}, median {4:0.00}, max {5:0.00}",
                scoreMoves.Count,
                scoreMoves.Count(m => m < 1m),
                scoreMoves.Count(m => m >= 1m && m < 2m),
                scoreMoves.Count(m => m >= 2m),
                scoreMoves[scoreMoves.Count / 2],
                scoreMoves[^1]);
        }
    }

    private static decimal Move(Match match, string score) =>
        decimal.TryParse(match.Groups[score + "Before"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var before)
        && decimal.TryParse(match.Groups[score + "After"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var after)
            ? Math.Abs(after - before)
            : 0m;

    [GeneratedRegex(@"to write: \d+ column\(s\) \((?<columns>[^)]*)\), history (?<history>True|False),[^\n]*?value (?<valueBefore>[-\d.]*)->(?<valueAfter>[-\d.]*), risk (?<riskBefore>[-\d.]*)->(?<riskAfter>[-\d.]*)\.")]
    private static partial Regex ToWrite();
}
