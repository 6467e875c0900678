using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.CreditEngine.Tests.Backtesting;

public class NaiveBaselinesTests
{
    private static readonly DateTime Scored = new(2026, 3, 1);

    [Fact]
    public void CustomerWithNoEarlierSettledInvoice_GetsEvenOddsAndTheDueDate()
    {
        BacktestInvoice[] invoices = [Invoice("I1", "2026-02-01", "2026-03-03", settled: null)];

        Assert.Equal(new BaselineFigures(0.5, 0), NaiveBaselines.For(invoices, Scored));
    }

    [Fact]
    public void OnlyInvoicesSettledStrictlyBeforeTheDate_Count()
    {
        BacktestInvoice[] invoices =
        [
            Invoice("I1", "2026-01-01", "2026-01-31", settled: "2026-02-10"), // 10 days late, known
            Invoice("I2", "2026-01-05", "2026-02-04", settled: "2026-02-01"), // 3 days early, known
            Invoice("I3", "2026-01-20", "2026-02-19", settled: "2026-03-01"), // settled on the scored date: not yet known
            Invoice("I4", "2026-01-25", "2026-02-24", settled: null),          // open: not counted
        ];

        var figures = NaiveBaselines.For(invoices, Scored);

        Assert.Equal(0.5, figures.LateShare);
        Assert.Equal(3.5, figures.AverageDaysVsDue);
    }

    private static BacktestInvoice Invoice(string id, string invoiced, string due, string? settled) =>
        new("C1", id, Day(invoiced), Day(due), 100m, settled is null ? null : Day(settled), false);

    private static DateTime Day(string iso) => DateTime.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
