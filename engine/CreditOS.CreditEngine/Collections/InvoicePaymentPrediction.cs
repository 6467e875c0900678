namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// How an open invoice is expected to be paid. <see cref="Probability"/>: that it is paid after its due date (1 once it
/// is past due unpaid). <see cref="ExpectedDaysLate"/>: days after due it is expected to be paid if it is paid late.
/// The figures behind them (<see cref="ExpectedDaysVsDue"/>, <see cref="LateShare"/>, …) give the reason in words.
/// </summary>
public sealed record InvoicePaymentPrediction(
    double Probability,
    double ExpectedDaysLate,
    double ExpectedDaysVsDue,
    double LateShare,
    int Outcomes,
    int LateOutcomes,
    int OpenOverdue,
    bool Disputed,
    int DaysPastDue)
{
    /// <summary>The expected late amount: probability × open amount × expected days late (amount-days, what the worklist ranks by).</summary>
    public decimal ExpectedLateAmount(decimal openAmount) =>
        Math.Round((decimal)Probability * openAmount * (decimal)ExpectedDaysLate, 2, MidpointRounding.AwayFromZero);
}
