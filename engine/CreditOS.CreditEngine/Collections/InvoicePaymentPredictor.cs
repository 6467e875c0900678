namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// Predicts for one open invoice the probability it is paid after its due date and the days late if so, from the
/// customer's payment behaviour as of the evaluation date (no look-ahead: the caller gives only what was known then)
/// and the invoice itself. The probability is the model's logistic; an invoice already past due unpaid is late for
/// certain, and is expected to be at least as late as it already is.
/// </summary>
public static class InvoicePaymentPredictor
{
    public static InvoicePaymentPrediction Predict(InvoiceToPredict invoice, PaymentBehaviour behaviour, DateTime asOf, InvoicePredictionModel model)
    {
        Require.NotNull(invoice, "The invoice");
        Require.NotNull(behaviour, "The payment behaviour");
        Require.NotNull(model, "The model");
        var z = LinearScore(invoice, behaviour, model);
        var daysPastDue = Math.Max(0, (asOf.Date - invoice.DueDate.Date).Days);
        var probability = daysPastDue > 0 ? 1 : Sigmoid(z);
        var expectedVsDue = InvoicePredictionFeatures.ExpectedDaysVsDue(behaviour, invoice.Disputed, model);
        var disputeExtra = Math.Max(0, expectedVsDue - InvoicePredictionFeatures.ExpectedDaysVsDue(behaviour, false, model));
        var daysLateWhenLate = (behaviour.DaysLateOfLateOutcomes + (model.PriorWeight * model.PriorDaysLateWhenLate)) / (behaviour.LateOutcomes + model.PriorWeight);
        var expectedDaysLate = Math.Max(Math.Max(1, daysLateWhenLate + disputeExtra), daysPastDue);
        return new InvoicePaymentPrediction(
            probability,
            Math.Round(expectedDaysLate, 1),
            expectedVsDue,
            InvoicePredictionFeatures.LateShare(behaviour, model),
            behaviour.Outcomes,
            behaviour.LateOutcomes,
            behaviour.OpenOverdue,
            invoice.Disputed,
            daysPastDue);
    }

    /// <summary>The model's score before the logistic (the backtest ranks by it; same order as the probability).</summary>
    public static double LinearScore(InvoiceToPredict invoice, PaymentBehaviour behaviour, InvoicePredictionModel model)
    {
        var features = InvoicePredictionFeatures.For(invoice, behaviour, model);
        var z = model.Intercept;
        for (var i = 0; i < features.Length && i < model.Coefficients.Count; i++)
        {
            z += model.Coefficients[i] * features[i];
        }

        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
