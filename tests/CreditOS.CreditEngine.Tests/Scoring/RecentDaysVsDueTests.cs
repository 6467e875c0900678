using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using CsCheck;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Scoring;

/// <summary>
/// Session 29's factor <see cref="ScoringFactor.RecentDaysVsDue3Months"/>: how late the invoices of the last 3 months
/// are paid, shrunk toward the customer's whole-history figure. Read from the last-3-months window the summary already
/// holds (no aggregate of its own), so both summary paths give it alike; offered to the calibration, not in the shipped
/// rule set (engine/README "Session 29"). It must keep both scoring laws on its own and inside a rule set.
/// </summary>
public class RecentDaysVsDueTests
{
    private static readonly DateTime AsOf = HistoryGen.AsOf;

    /// <summary>v5 with the recent figure at 10 points of the days factor's 49: a rule set an admin or the calibration could write.</summary>
    private static readonly CreditConfiguration WithRecentDays = WithFactor(10);

    private static double Recent(HistorySummary summary) =>
        FactorMeasurer.Measure(ScoringFactor.RecentDaysVsDue3Months, summary, 1_000_000m, PaymentEvidence.Of(summary, EvidenceSettings.Default))!.Value;

    private static double Recent(CustomerHistory history) => Recent(HistorySummarizer.Summarize(history, AsOf));

    private static double Risk(CustomerHistory history) => CreditScorer.Score(HistorySummarizer.Summarize(history, AsOf), WithRecentDays).Risk;

    private static CreditConfiguration WithFactor(double weight)
    {
        var v5 = DefaultScoringRules.Create();
        var days = v5.Rules.Single(r => r.Factor == ScoringFactor.AverageDaysVsDue);
        var rules = v5.Rules.Select(r => r.Factor == ScoringFactor.AverageDaysVsDue ? r with { Weight = r.Weight - weight } : r)
            .Append(days with { Factor = ScoringFactor.RecentDaysVsDue3Months, Weight = weight })
            .ToList();
        return DefaultCreditConfiguration.Create() with { RuleSets = [v5 with { Rules = rules }] };
    }

    [Fact]
    public void AnOnTimePayerTurningLate_ReadsLaterRecentlyThanOverItsWholeHistory_AndTheReasonSaysBoth()
    {
        var builder = ACustomer().WithMonthlyInvoices(24, 10_000m, daysLate: 0).WithInvoice(60, 10_000m, 25).WithInvoice(75, 10_000m, 20);
        var summary = builder.Summary();
        var evidence = PaymentEvidence.Of(summary, EvidenceSettings.Default);
        var recent = Recent(summary);

        Assert.True(recent > 8, "recent " + recent);
        Assert.True(recent > evidence.DaysVsDue + 6, "recent " + recent + " vs whole history " + evidence.DaysVsDue);
        Assert.StartsWith("invoices of the last 3 months are paid " + MoneyText.Number(recent, "0.#") + " days after the due date on average (",
            ReasonWriter.Describe(ScoringFactor.RecentDaysVsDue3Months, recent, summary, evidence), StringComparison.Ordinal);
        Assert.Contains("over the whole history", ReasonWriter.Describe(ScoringFactor.RecentDaysVsDue3Months, recent, summary, evidence), StringComparison.Ordinal);
    }

    [Fact]
    public void NothingInTheLast3Months_ReadsAsTheWholeHistory()
    {
        var summary = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: 7).WithInvoice(400, 10_000m, 7).Summary();
        var withoutRecent = HistorySummarizer.Summarize(ACustomer().WithInvoice(200, 10_000m, 7).WithInvoice(230, 10_000m, 7).Build(), AsOf);

        Assert.Equal(PaymentEvidence.Of(withoutRecent, EvidenceSettings.Default).DaysVsDue, Recent(withoutRecent), 9);
        Assert.InRange(Recent(summary), 0, 7.0001);
    }

    [Fact]
    public void ItsUnitsAreDaysRelativeToDue_AndARuleSetCarryingItValidates()
    {
        Assert.Equal(FactorUnits.Of(ScoringFactor.AverageDaysVsDue), FactorUnits.Of(ScoringFactor.RecentDaysVsDue3Months));
        Assert.Empty(CreditConfigurationValidator.Validate(WithRecentDays));
    }

    [Fact]
    public void PayingAnyInvoiceLater_NeverLowersTheRecentFigure_NorTheRisk()
    {
        HistoryGen.PaidLater.Sample(pair =>
        {
            Assert.True(Recent(pair.After) >= Recent(pair.Before) - 1e-9, "recent " + Recent(pair.After) + " < " + Recent(pair.Before));
            Assert.True(Risk(pair.After) >= Risk(pair.Before));
        });
    }

    [Fact]
    public void LeavingAPaidInvoiceUnpaid_NeverLowersTheRecentFigure_NorTheRisk()
    {
        HistoryGen.LeftUnpaid.Sample(pair =>
        {
            Assert.True(Recent(pair.After) >= Recent(pair.Before) - 1e-9);
            Assert.True(Risk(pair.After) >= Risk(pair.Before));
        });
    }

    [Fact]
    public void APayment_NeverRaisesTheRecentFigure_NorTheRisk()
    {
        HistoryGen.WithAPayment.Sample(pair =>
        {
            Assert.True(Recent(pair.After) <= Recent(pair.Before) + 1e-9, "recent " + Recent(pair.After) + " > " + Recent(pair.Before));
            Assert.True(Risk(pair.After) <= Risk(pair.Before));
        });
    }

    [Fact]
    public void PayingARecentInvoiceNotYetDueOnTime_DoesNotRaiseAnEarlyPayersRecentFigure()
    {
        var open = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(20, 10_000m, null).Build();
        var paid = ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8).WithInvoice(20, 10_000m, 0).Build();

        Assert.True(Recent(paid) <= Recent(open), "paid " + Recent(paid) + " vs open " + Recent(open));
    }
}
