using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>The risk score given to one invoice's customer on the invoice date, and whether the invoice was paid late.</summary>
public sealed record BacktestObservation(string CustomerId, string InvoiceId, DateTime InvoiceDate, double Risk, RiskLevel RiskLevel, bool PaidLate);

/// <summary>Calibration: invoices scored at a risk level and how many of them were paid late.</summary>
public sealed record BacktestLevelRow(RiskLevel RiskLevel, int Invoices, int PaidLate)
{
    public double ShareLate => Invoices > 0 ? (double)PaidLate / Invoices : 0;
}

/// <summary>
/// Outcome of a backtest. <see cref="InvoicesRead"/> = <see cref="InvoicesScored"/> + <see cref="NotYetDue"/>
/// (open invoices still inside their terms at the end of the history, whose outcome is unknown).
/// </summary>
public sealed record BacktestResult(
    int InvoicesRead,
    int InvoicesScored,
    int NotYetDue,
    int PaidLate,
    DateTime? HistoryEnd,
    IReadOnlyList<BacktestLevelRow> Levels,
    double? Auc,
    IReadOnlyList<BacktestObservation> Observations);
