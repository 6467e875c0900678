using CreditOS.CreditEngine.Decisions;

namespace CreditOS.CreditEngine.Simulation;

/// <summary>
/// One group's replay (the portfolio, a segment or a tier): order outcomes, the late-paid exposure the holds, refusals and
/// prepayment terms caught, the reasons that stopped orders (the order decision's own reason codes), and the exposure
/// and limits at each month end (utilization).
/// </summary>
public sealed class SimulationTally
{
    private readonly decimal[] monthExposure = new decimal[PortfolioSimulator.Months];
    private readonly decimal[] monthLimit = new decimal[PortfolioSimulator.Months];
    private readonly SortedDictionary<DecisionReasonCode, ReasonCount> stopReasons = new();

    public int Approved { get; private set; }

    public int Held { get; private set; }

    public int Refused { get; private set; }

    /// <summary>Orders of customers on prepayment terms that wait for the prepayment, not for Finance (counted apart from held).</summary>
    public int AwaitingPrepayment { get; private set; }

    public int Orders => Approved + Held + Refused + AwaitingPrepayment;

    /// <summary>Amount of held or refused orders whose customer then paid late (see <see cref="PortfolioSimulator"/>).</summary>
    public decimal LatePaidExposureCaught { get; private set; }

    /// <summary>
    /// Why orders were not approved at once: each reason of the decision above "approve within grace" (the engine's
    /// <see cref="OrderDecision.HoldReasons"/>), prepayment terms included, by reason code in the code's order.
    /// </summary>
    public IReadOnlyDictionary<DecisionReasonCode, ReasonCount> StopReasons => stopReasons;

    /// <summary>The sum of the group's exposure at each month end of the replay.</summary>
    public IReadOnlyList<decimal> MonthExposure => monthExposure;

    /// <summary>The sum of the group's limits at each month end.</summary>
    public IReadOnlyList<decimal> MonthLimit => monthLimit;

    /// <summary>Average of the month-end utilizations of the months the group had a limit; null when it never had one (starter or prepayment terms only).</summary>
    public double? AverageUtilization => MonthsWithALimit().Select(m => (double?)Utilization(m)).Average();

    /// <summary>Highest month-end utilization of the months the group had a limit; null when it never had one.</summary>
    public double? PeakUtilization => MonthsWithALimit().Select(m => (double?)Utilization(m)).Max();

    /// <summary>Orders held for Finance per calendar day of the replay.</summary>
    public double HeldPerDay(int days) => days > 0 ? (double)Held / days : 0;

    internal void Add(OrderDecision decision, decimal amount, bool thenPaidLate)
    {
        switch (decision.Outcome)
        {
            case DecisionOutcome.Approve:
            case DecisionOutcome.ApproveWithinGrace:
                Approved++;
                break;
            case DecisionOutcome.AwaitPrepayment:
                AwaitingPrepayment++;
                break;
            case DecisionOutcome.RequireApproval:
                Held++;
                break;
            default:
                Refused++;
                break;
        }

        var stopping = decision.HoldReasons.Select(r => r.Code).Distinct().ToList();
        foreach (var code in stopping)
        {
            if (!stopReasons.TryGetValue(code, out var count))
            {
                count = new ReasonCount();
                stopReasons[code] = count;
            }

            count.Add(stopping.Count == 1, thenPaidLate);
        }

        LatePaidExposureCaught += stopping.Count > 0 && thenPaidLate ? amount : 0m;
    }

    internal void AddMonthEnd(int month, decimal exposure, decimal limit)
    {
        monthExposure[month] += exposure;
        monthLimit[month] += limit;
    }

    /// <summary>Σ exposure ÷ Σ limit at a month end; 0 when the group had no limit then.</summary>
    internal double Utilization(int month) => monthLimit[month] > 0 ? (double)(monthExposure[month] / monthLimit[month]) : 0;

    private IEnumerable<int> MonthsWithALimit() => Enumerable.Range(0, PortfolioSimulator.Months).Where(m => monthLimit[m] > 0);
}
