using CreditOS.CreditEngine.Exposure;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>The figures behind a decision, all in one currency.</summary>
public sealed record DecisionFigures(
    string Currency,
    decimal Limit,
    decimal ExposureBeforeOrder,
    decimal OrderAmount,
    decimal Overdue,
    decimal OverdueBeyondGrace,
    int OldestOverdueDays,
    int GraceDays)
{
    public decimal ExposureWithOrder => ExposureBeforeOrder + OrderAmount;

    public decimal AvailableBeforeOrder => Limit - ExposureBeforeOrder;

    public decimal AvailableAfterOrder => Limit - ExposureWithOrder;

    public double UtilizationWithOrder => new ExposureFigures(Limit, ExposureWithOrder).Utilization;

    /// <summary>"Limit USD 50,000.00, exposure USD 48,000.00, available USD 2,000.00, order USD 5,000.00, overdue USD 0.00."</summary>
    public string Summary =>
        "Limit " + Money(Limit) + ", exposure " + Money(ExposureBeforeOrder) + ", available " + Money(AvailableBeforeOrder)
        + ", order " + Money(OrderAmount) + ", overdue " + Money(Overdue) + ".";

    public string Money(decimal amount) => MoneyText.Format(Currency, amount);
}
