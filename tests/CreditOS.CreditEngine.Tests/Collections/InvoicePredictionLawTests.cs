using CreditOS.CreditEngine.Collections;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tests.Builders;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>Laws of the invoice-level prediction for any history, any invoice and any valid coefficient set (CsCheck).</summary>
public sealed class InvoicePredictionLawTests
{
    private static readonly DateTime AsOf = HistoryGen.AsOf;

    private static readonly Gen<InvoiceToPredict> NewInvoice =
        Gen.Select(Gen.Int[1, 100_000], Gen.Int[0, 120], Gen.Bool)
            .Select((amount, terms, disputed) => new InvoiceToPredict(AsOf, AsOf.AddDays(terms), amount, amount, disputed));

    /// <summary>The shipped set and random non-negative sets (what any fit can produce).</summary>
    private static readonly Gen<InvoicePredictionModel> Model =
        Gen.OneOf(
            Gen.Const(InvoicePredictionModel.Default),
            Gen.Select(Gen.Double[-3, 3], Gen.Double[0, 3].Array[InvoicePredictionModel.FeatureCount])
                .Select((intercept, coefficients) => InvoicePredictionModel.Default with { Intercept = intercept, Coefficients = coefficients }));

    private static double Probability(CustomerHistory history, InvoiceToPredict invoice, InvoicePredictionModel model) =>
        InvoicePaymentPredictor.Predict(invoice, PaymentBehaviour.From(history.Invoices, AsOf), AsOf, model).Probability;

    [Fact]
    public void PayingAnEarlierInvoiceLater_NeverLowersTheProbability()
    {
        Gen.Select(HistoryGen.History, NewInvoice, Model, Gen.Int[0, 1_000], Gen.Int[1, 200]).Sample((history, invoice, model, pick, delay) =>
        {
            // Earlier invoices whose outcome is known on the date (due before it): paid later, or then still open past due.
            var known = history.Invoices.Select((x, i) => (x, i)).Where(p => p.x.DueDate < AsOf && p.x.SettledDate is not null).ToList();
            if (known.Count == 0)
            {
                return;
            }

            var (target, index) = known[pick % known.Count];
            var later = history with { Invoices = history.Invoices.Select((x, i) => i == index ? x with { SettledDate = target.SettledDate!.Value.AddDays(delay) } : x).ToList() };

            Assert.True(Probability(later, invoice, model) >= Probability(history, invoice, model) - 1e-12);
        });
    }

    [Fact]
    public void LeavingAnEarlierInvoiceUnpaidPastItsDueDate_NeverLowersTheProbability()
    {
        Gen.Select(HistoryGen.History, NewInvoice, Model, Gen.Int[0, 1_000]).Sample((history, invoice, model, pick) =>
        {
            var known = history.Invoices.Select((x, i) => (x, i)).Where(p => p.x.DueDate < AsOf && p.x.SettledDate is not null).ToList();
            if (known.Count == 0)
            {
                return;
            }

            var index = known[pick % known.Count].i;
            var unpaid = history with { Invoices = history.Invoices.Select((x, i) => i == index ? x with { SettledDate = null } : x).ToList() };

            Assert.True(Probability(unpaid, invoice, model) >= Probability(history, invoice, model) - 1e-12);
        });
    }

    [Fact]
    public void ADisputedInvoice_NeverHasALowerProbabilityThanTheSameInvoiceUndisputed()
    {
        Gen.Select(HistoryGen.History, NewInvoice, Model).Sample((history, invoice, model) =>
        {
            var undisputed = Probability(history, invoice with { Disputed = false }, model);
            var disputed = Probability(history, invoice with { Disputed = true }, model);

            Assert.True(disputed >= undisputed - 1e-12);
        });
    }

    [Fact]
    public void TheProbabilityIsAProbability_AndExpectedDaysLateAtLeastOneDay()
    {
        Gen.Select(HistoryGen.History, NewInvoice, Model).Sample((history, invoice, model) =>
        {
            var prediction = InvoicePaymentPredictor.Predict(invoice, PaymentBehaviour.From(history.Invoices, AsOf), AsOf, model);

            Assert.InRange(prediction.Probability, 0, 1);
            Assert.True(prediction.ExpectedDaysLate >= 1);
        });
    }

    [Fact]
    public void SettlementsAfterTheDate_AreNotSeen()
    {
        Gen.Select(HistoryGen.History, NewInvoice, Gen.Int[1, 300]).Sample((history, invoice, shift) =>
        {
            // Moving any settlement that lies after the date further into the future changes nothing (no look-ahead).
            var moved = history with { Invoices = history.Invoices.Select(x => x.SettledDate > AsOf ? x with { SettledDate = x.SettledDate.Value.AddDays(shift) } : x).ToList() };

            Assert.Equal(Probability(history, invoice, InvoicePredictionModel.Default), Probability(moved, invoice, InvoicePredictionModel.Default));
        });
    }
}
