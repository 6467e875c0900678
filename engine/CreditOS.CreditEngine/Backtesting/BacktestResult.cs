using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>The risk score given to one invoice's customer on the invoice date, and whether the invoice was paid late.</summary>
/// <remarks>The two baselines (<see cref="NaiveBaselines"/>) are computed from the same information as the score.</remarks>
public sealed record BacktestObservation(
    string CustomerId,
    string InvoiceId,
    DateTime InvoiceDate,
    double Risk,
    RiskLevel RiskLevel,
    bool PaidLate,
    double BaselineLateShare = 0,
    double BaselineAverageDaysVsDue = 0);

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
    IReadOnlyList<BacktestObservation> Observations)
{
    /// <summary>AUC of "share of the customer's earlier settled invoices paid late" on the same invoices.</summary>
    public double? BaselineLateShareAuc { get; init; }

    /// <summary>AUC of "average signed days paid relative to due over the customer's earlier settled invoices".</summary>
    public double? BaselineAverageDaysAuc { get; init; }
}
