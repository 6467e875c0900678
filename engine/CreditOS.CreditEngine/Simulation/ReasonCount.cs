namespace CreditOS.CreditEngine.Simulation;

/// <summary>
/// How often one decision reason stopped a group's orders in a replay: every order it stopped (an order stopped for two
/// reasons counts under both), the orders it stopped alone, and the orders whose customer then paid late (the hold
/// was borne out, see <see cref="PortfolioSimulator.LateDaysCaught"/>).
/// </summary>
public sealed class ReasonCount
{
    public int Orders { get; private set; }

    /// <summary>Orders this reason was the only one to stop: lifting it alone would have let them through.</summary>
    public int Alone { get; private set; }

    /// <summary>Orders whose customer's next invoice was then paid more than <see cref="PortfolioSimulator.LateDaysCaught"/> days late (or is still unpaid and that late).</summary>
    public int ThenPaidLate { get; private set; }

    internal void Add(bool alone, bool thenPaidLate)
    {
        Orders++;
        Alone += alone ? 1 : 0;
        ThenPaidLate += thenPaidLate ? 1 : 0;
    }
}
