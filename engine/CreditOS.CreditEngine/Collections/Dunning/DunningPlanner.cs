using System.Globalization;
using System.Text;

namespace CreditOS.CreditEngine.Collections.Dunning;

/// <summary>
/// Decides the day's dunning letters for one account. The sequence is the steps of the account's risk level (and the
/// steps for every level), by step number. Each open invoice moves to the latest step whose day has come and that it
/// has not had yet (a step is drafted once per invoice; steps are never repeated or gone back to); the invoices reaching
/// the same step go in one letter listing them with their figures. An open promise to pay pauses the whole sequence; a
/// disputed invoice leaves it (it is resolved by the dispute, not reminded of); an invoice awaiting an ERP re-sync is left
/// out until the flag is cleared (its open amount and due date may be an older ERP version's: a letter must not state
/// them), and keeps its step, so it resumes where it was; a paid invoice is no longer open, which stops its sequence.
/// </summary>
public static class DunningPlanner
{
    public const string KeyPrefix = "dun:";

    public static DunningPlan Plan(IEnumerable<DunningStep> steps, DunningAccount account, IEnumerable<DunningInvoice> openInvoices, DateTime asOf)
    {
        Require.NotNull(steps, "The dunning steps");
        Require.NotNull(account, "The account");
        Require.NotNull(openInvoices, "The open invoices");
        var sequence = SequenceFor(steps, account);
        var open = openInvoices.Where(i => i.OpenAmount > 0).OrderBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal).ToList();
        var disputed = open.Where(i => i.Disputed).ToList();
        var awaitingResync = open.Where(i => i.ErpResyncPending).ToList();
        if (account.OpenPromiseDate is { } promised)
        {
            return new DunningPlan([], "an open promise to pay by " + Require.Day(promised), disputed, awaitingResync);
        }

        var byStep = new Dictionary<DunningStep, List<DunningInvoice>>();
        foreach (var invoice in open.Where(i => !i.Disputed && !i.ErpResyncPending))
        {
            var next = sequence.LastOrDefault(s => s.StepNumber > (invoice.DunningLevel ?? int.MinValue) && asOf.Date >= invoice.DueDate.Date.AddDays(s.DaysFromDue));
            if (next is not null)
            {
                (byStep.TryGetValue(next, out var list) ? list : byStep[next] = []).Add(invoice);
            }
        }

        var drafts = byStep
            .OrderBy(p => p.Key.StepNumber)
            .Select(p => Draft(p.Key, account, p.Value, asOf))
            .ToList();
        return new DunningPlan(drafts, null, disputed, awaitingResync);
    }

    /// <summary>The steps that apply to the account, in order; two steps of one sequence with the same number are a configuration error.</summary>
    public static IReadOnlyList<DunningStep> SequenceFor(IEnumerable<DunningStep> steps, DunningAccount account)
    {
        Require.NotNull(steps, "The dunning steps");
        Require.NotNull(account, "The account");
        var sequence = steps.Where(s => s.RiskLevel is null || s.RiskLevel == account.RiskLevel).OrderBy(s => s.StepNumber).ToList();
        for (var i = 1; i < sequence.Count; i++)
        {
            if (sequence[i].StepNumber == sequence[i - 1].StepNumber)
            {
                throw new CreditInputException(
                    "The dunning steps " + sequence[i - 1].Name + " and " + sequence[i].Name + " both have step number "
                    + sequence[i].StepNumber.ToString(CultureInfo.InvariantCulture) + " for " + (account.RiskLevel?.ToString() ?? "no") + " risk; give each step of a sequence its own number.");
            }
        }

        return sequence;
    }

    private static DunningDraft Draft(DunningStep step, DunningAccount account, IReadOnlyList<DunningInvoice> invoices, DateTime asOf)
    {
        var total = invoices.Sum(i => i.OpenAmount);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["account"] = account.Name,
            ["step"] = step.Name,
            ["date"] = Require.Day(asOf),
            ["currency"] = account.Currency,
            ["count"] = invoices.Count.ToString(CultureInfo.InvariantCulture),
            ["total"] = MoneyText.Format(account.Currency, total),
            ["items"] = Items(account.Currency, invoices, asOf),
        };
        var subject = DunningTemplate.Render(step.SubjectTemplate, "The subject of dunning step " + step.Name, values);
        var body = DunningTemplate.Render(step.BodyTemplate, "The body of dunning step " + step.Name, values);
        var key = KeyPrefix + step.Id.ToString("N") + ":" + account.Id.ToString("N") + ":" + asOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var escalation = step.Escalates
            ? step.Name + " drafted for " + account.Name + " on " + Require.Day(asOf) + ": " + invoices.Count.ToString(CultureInfo.InvariantCulture)
              + " invoice(s), " + MoneyText.Format(account.Currency, total) + " open.\n" + values["items"]
            : null;
        return new DunningDraft(step, invoices, subject.Length <= 200 ? subject : subject.Substring(0, 197) + "...", body, key, escalation);
    }

    private static string Items(string currency, IEnumerable<DunningInvoice> invoices, DateTime asOf)
    {
        var text = new StringBuilder();
        foreach (var invoice in invoices)
        {
            var days = (asOf.Date - invoice.DueDate.Date).Days;
            var when = days > 0 ? days.ToString(CultureInfo.InvariantCulture) + " days overdue"
                : days == 0 ? "due today"
                : "due in " + (-days).ToString(CultureInfo.InvariantCulture) + " days";
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append("- ").Append(invoice.Number).Append(", due ").Append(Require.Day(invoice.DueDate)).Append(", open ")
                .Append(MoneyText.Format(currency, invoice.OpenAmount)).Append(", ").Append(when);
        }

        return text.ToString();
    }
}
