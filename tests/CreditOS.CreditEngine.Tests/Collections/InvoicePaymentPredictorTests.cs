using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Collections;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tests.Backtesting;

namespace CreditOS.CreditEngine.Tests.Collections;

public sealed class InvoicePaymentPredictorTests
{
    private static readonly DateTime AsOf = new(2026, 6, 1);

    private static InvoiceRecord Paid(int index, int daysVsDue, bool disputed = false)
    {
        var invoiced = AsOf.AddDays(-300 + (index * 10));
        return new InvoiceRecord("I" + index, invoiced, invoiced.AddDays(30), 1_000m, invoiced.AddDays(30 + daysVsDue), disputed);
    }

    private static InvoiceToPredict NewInvoice(bool disputed = false, decimal amount = 1_000m) => new(AsOf, AsOf.AddDays(30), amount, amount, disputed);

    [Fact]
    public void ACustomerWhoAlwaysPaysLate_IsMoreLikelyLateThanOneWhoPaysEarly_AndLaterByItsOwnHabit()
    {
        var late = PaymentBehaviour.From(Enumerable.Range(0, 10).Select(i => Paid(i, 20)), AsOf);
        var early = PaymentBehaviour.From(Enumerable.Range(0, 10).Select(i => Paid(i, -5)), AsOf);

        var lateCustomer = InvoicePaymentPredictor.Predict(NewInvoice(), late, AsOf, InvoicePredictionModel.Default);
        var earlyCustomer = InvoicePaymentPredictor.Predict(NewInvoice(), early, AsOf, InvoicePredictionModel.Default);

        Assert.True(lateCustomer.Probability > 0.8, "late payer: " + lateCustomer.Probability);
        Assert.True(earlyCustomer.Probability < 0.3, "early payer: " + earlyCustomer.Probability);
        // 10 outcomes of 20 days late shrunk with 2 of the prior 15: (200 + 30) / 12 = 19.2 days.
        Assert.Equal(19.2, lateCustomer.ExpectedDaysLate);
        Assert.Equal(10, lateCustomer.LateOutcomes);
    }

    [Fact]
    public void AnInvoiceAlreadyPastDue_IsLateForCertain_AndExpectedAtLeastAsLateAsItIs()
    {
        var behaviour = PaymentBehaviour.From(Enumerable.Range(0, 5).Select(i => Paid(i, 3)), AsOf);
        var overdue = new InvoiceToPredict(AsOf.AddDays(-90), AsOf.AddDays(-60), 500m, 400m, false);

        var prediction = InvoicePaymentPredictor.Predict(overdue, behaviour, AsOf, InvoicePredictionModel.Default);

        Assert.Equal(1, prediction.Probability);
        Assert.Equal(60, prediction.DaysPastDue);
        Assert.Equal(60, prediction.ExpectedDaysLate);
        Assert.Equal(24_000m, prediction.ExpectedLateAmount(400m));
    }

    [Fact]
    public void AnOpenInvoicePastDue_CountsAsLateEvidence_ButOneNotYetDueSaysNothing()
    {
        var invoiced = AsOf.AddDays(-50);
        var overdue = new InvoiceRecord("O", invoiced, invoiced.AddDays(30), 100m);
        var notDue = new InvoiceRecord("N", AsOf.AddDays(-10), AsOf.AddDays(20), 100m);

        var behaviour = PaymentBehaviour.From([overdue, notDue], AsOf);

        Assert.Equal(1, behaviour.Outcomes);
        Assert.Equal(1, behaviour.OpenOverdue);
        Assert.Equal(20, behaviour.UndisputedDaysVsDue);
        Assert.Equal(2, behaviour.Invoices);
    }

    [Fact]
    public void TheModelText_RoundTrips_AndRefusesANegativeCoefficientByName()
    {
        var model = InvoicePredictionModel.Parse(InvoicePredictionModel.Default.ToString());

        Assert.Equal(InvoicePredictionModel.Default.Coefficients, model.Coefficients);
        var refused = Assert.Throws<CreditInputException>(() => InvoicePredictionModel.Parse("disputed=-0.5"));
        Assert.Contains("'disputed' must be zero or above (got -0.5)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnTheGeneratedSampleLedger_TheShippedModelBeatsTheRiskScoreBaselines()
    {
        var rows = SampleRows();

        var invoiceLevel = InvoicePredictionBacktester.Run(rows, InvoicePredictionModel.Default);
        var baseline = Backtester.Run(rows, CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create());

        Assert.True(invoiceLevel.Auc > baseline.BaselineLateShareAuc, "invoice AUC " + invoiceLevel.Auc + " vs late-share baseline " + baseline.BaselineLateShareAuc);
        Assert.Equal(baseline.InvoicesScored, invoiceLevel.InvoicesScored);
        Assert.Equal(baseline.PaidLate, invoiceLevel.PaidLate);
    }

    [Fact]
    public void TheFitter_KeepsEveryCoefficientNonNegative_AndReportsAWalkForwardAuc()
    {
        var fit = InvoicePredictionFitter.Fit(SampleRows(), InvoicePredictionModel.Default);

        Assert.All(fit.Model.Coefficients, c => Assert.True(c >= 0));
        Assert.NotNull(fit.WalkForwardAuc);
        Assert.True(fit.WalkForwardAuc > 0.7, "walk-forward AUC " + fit.WalkForwardAuc);
        Assert.Empty(fit.Model.Problems());
    }

    // The committed sample is exactly the generator's output (SampleHistoryTests), so the generator's rows are replayed.
    private static IReadOnlyList<BacktestInvoice> SampleRows() =>
        BacktestCsv.FromHistories(Samples.SamplePortfolioGenerator.Generate(SampleHistoryFile.Options));
}
