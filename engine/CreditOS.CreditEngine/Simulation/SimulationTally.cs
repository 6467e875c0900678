using CreditOS.CreditEngine.Decisions;

namespace CreditOS.CreditEngine.Simulation;

/// <summary>Order outcomes of one group (segment or tier) in a replay, and the late-paid exposure the holds, refusals and prepayment terms caught.</summary>
public sealed class SimulationTally
{
    public int Approved { get; private set; }

    public int Held { get; private set; }

    public int Refused { get; private set; }

    /// <summary>Orders of customers on prepayment terms that wait for the prepayment, not for Finance (counted apart from held).</summary>
    public int AwaitingPrepayment { get; private set; }

    public int Orders => Approved + Held + Refused + AwaitingPrepayment;

    /// <summary>Amount of held or refused orders whose customer then paid late (see <see cref="PortfolioSimulator"/>).</summary>
    public decimal LatePaidExposureCaught { get; private set; }

    internal void Add(DecisionOutcome outcome, decimal caught)
    {
        switch (outcome)
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

        LatePaidExposureCaught += caught;
    }
}
