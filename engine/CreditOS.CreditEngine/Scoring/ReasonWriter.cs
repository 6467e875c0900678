using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>Describes a factor's measure in words a sales rep and a credit manager understand.</summary>
public static class ReasonWriter
{
    public static string Describe(ScoringFactor factor, double measure, HistorySummary summary) =>
        Describe(factor, measure, summary, PaymentEvidence.Of(summary, EvidenceSettings.Default));

    public static string Describe(ScoringFactor factor, double measure, HistorySummary summary, PaymentEvidence evidence)
    {
        Require.NotNull(summary, "The history summary");
        Require.NotNull(evidence, "The payment evidence");
        var currency = summary.Currency;
        return factor switch
        {
            ScoringFactor.RevenueVsSegment =>
                "revenue over the last 12 months is " + MoneyText.Format(currency, summary.Revenue12Months) + ", " + Times(measure) + " the segment's typical customer",
            ScoringFactor.ActiveMonths => "bought in " + Whole(measure) + " of the last 12 months",
            ScoringFactor.RevenueVariability => "monthly revenue varies by " + Percent(measure) + " around its average",
            ScoringFactor.RevenueGrowth => measure >= 0
                ? "revenue grew " + Whole(measure) + "% against the prior 12 months"
                : "revenue fell " + Whole(-measure) + "% against the prior 12 months",
            ScoringFactor.LateShare6Months => Whole(measure) + "% of invoices in the last 6 months were paid late ("
                + summary.Last6Months.LateCount + " of " + summary.Last6Months.InvoiceCount + ")",
            ScoringFactor.LateBeyond15DaysShare6Months => Whole(measure) + "% of invoices in the last 6 months paid more than 15 days late ("
                + summary.Last6Months.LateBeyond15DaysCount + " of " + summary.Last6Months.InvoiceCount + ")",
            ScoringFactor.AmountWeightedDaysLate12Months => "invoices of the last 12 months were paid " + MoneyText.Number(measure, "0.#")
                + " days beyond terms on average (weighted by amount)",
            ScoringFactor.RecentLateShare3Months => Whole(measure) + "% of invoices in the last 3 months were paid late"
                + BaselineComparison(summary),
            ScoringFactor.OverdueMonthsOfSales => "overdue balance " + MoneyText.Format(currency, summary.Aging.Overdue) + " is "
                + ShareOfOpen(summary.Aging.Overdue, summary) + " of open balance (" + MoneyText.Number(measure, "0.0") + " months of sales)",
            ScoringFactor.SeverelyOverdueMonthsOfSales => MoneyText.Format(currency, summary.Aging.Over60Days) + " has been overdue for more than 60 days ("
                + ShareOfOpen(summary.Aging.Over60Days, summary) + " of open balance)",
            ScoringFactor.BrokenPromises => Whole(measure) + " promise" + (measure == 1 ? string.Empty : "s") + " to pay broken in the last 12 months",
            ScoringFactor.DisputedShare12Months => summary.Last12Months.DisputedCount + " of " + summary.Last12Months.IssuedOrKnownCount
                + " invoices in the last 12 months were disputed",
            ScoringFactor.BureauSolvency => "bureau solvency score is " + Whole(measure) + " of 100",
            ScoringFactor.BureauRating => "bureau rating is " + (BureauRating)(int)measure,
            ScoringFactor.BureauDaysBeyondTerms => "bureau days-beyond-terms score is " + Whole(measure),
            ScoringFactor.BureauJudgments => Whole(measure) + " judgment(s) or legal proceeding(s) on the bureau report",
            ScoringFactor.BureauPrivileges => Whole(measure) + " tax or social lien(s) on the bureau report",
            ScoringFactor.LateShare => Whole(measure) + "% of invoices paid late, recent ones counting more (" + Known(summary, w => w.LateCount)
                + " of " + Known(summary, w => w.InvoiceCount) + " over the whole history" + Thin(evidence) + ")",
            ScoringFactor.LateBeyond15DaysShare => Whole(measure) + "% of invoices paid more than 15 days late, recent ones counting more ("
                + Known(summary, w => w.LateBeyond15DaysCount) + " of " + Known(summary, w => w.InvoiceCount) + Thin(evidence) + ")",
            ScoringFactor.AverageDaysVsDue => "invoices are paid " + DaysText(measure) + " on average, recent ones counting more" + Thin(evidence),
            ScoringFactor.AmountWeightedDaysVsDue => "weighted by amount, invoices are paid " + DaysText(measure) + " on average" + Thin(evidence),
            ScoringFactor.RecentDaysVsDue3Months => "invoices of the last 3 months are paid " + DaysText(measure) + " on average ("
                + summary.Last3Months.IssuedOrKnownCount + " invoice" + (summary.Last3Months.IssuedOrKnownCount == 1 ? string.Empty : "s")
                + ", against " + DaysText(evidence.DaysVsDue) + " over the whole history" + (summary.Last3Months.InvoiceCount < 3 ? "; few recent outcomes, so close to the whole history" : string.Empty) + ")",
            _ => factor + " measures " + MoneyText.Number(measure, "0.##"),
        };
    }

    private static string DaysText(double days) =>
        Math.Abs(days) < 0.05 ? "on the due date"
        : days > 0 ? MoneyText.Number(days, "0.#") + " days after the due date"
        : MoneyText.Number(-days, "0.#") + " days before the due date";

    private static int Known(HistorySummary summary, Func<PaymentWindowStats, int> count) =>
        count(summary.Last12Months) + count(summary.Prior12Months) + count(summary.Earlier);

    private static string Thin(PaymentEvidence evidence) =>
        evidence.HasPaymentEvidence ? (evidence.KnownInvoices < 3 ? "; little evidence yet, so close to the segment's usual" : string.Empty)
        : "; no payment seen yet, so the segment's usual";

    private static string BaselineComparison(HistorySummary summary) =>
        summary.Prior12Months.LateShare is { } baseline
            ? " against " + MoneyText.Percent(baseline) + " in the 12 months before last year"
            : string.Empty;

    private static string ShareOfOpen(decimal amount, HistorySummary summary) =>
        summary.Aging.Total > 0 ? MoneyText.Percent((double)(amount / summary.Aging.Total)) : "0%";

    private static string Whole(double measure) => MoneyText.Number(measure, "0");

    private static string Percent(double ratio) => MoneyText.Percent(ratio);

    private static string Times(double ratio) => MoneyText.Number(ratio, "0.0") + "×";
}
