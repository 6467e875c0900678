using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Simulation;

/// <summary>
/// Replays the last 12 months of a portfolio under a configuration, with no look-ahead: each customer is assessed at
/// the start of every month from the history known then, and each order of that month is decided by the order
/// decision against the exposure on its day. Month-end exposure against the limits gives the utilization, in total and
/// per segment and tier (a customer's month counts in the tier it was assessed in that month). An order
/// held or refused "caught late-paid exposure" when the customer's first invoice on or after the order's day was paid
/// more than <see cref="LateDaysCaught"/> days late or is still unpaid and past due at the end of the replay: its
/// amount is what a credit manager would have been glad to stop. Run it for the active and the candidate configuration
/// (<see cref="Compare"/>) before activating a new one.
/// </summary>
public static class PortfolioSimulator
{
    public const int Months = 12;
    public const int LateDaysCaught = 15;
    private const string Unassigned = "Unassigned";

    public static SimulationResult Run(IReadOnlyList<CustomerHistory> portfolio, DateTime asOf, CreditConfiguration configuration, string name)
    {
        Require.NotNull(portfolio, "The portfolio");
        Require.NotNull(configuration, "The credit configuration");
        CreditConfigurationValidator.EnsureValid(configuration);
        var end = asOf.Date;
        var start = end.AddMonths(-Months);
        var total = new SimulationTally();
        var bySegment = new SortedDictionary<string, SimulationTally>(StringComparer.Ordinal);
        var byTier = new SortedDictionary<string, SimulationTally>(StringComparer.Ordinal);
        var finalTiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var customer in portfolio)
        {
            var segment = SegmentOf(customer);
            for (var month = 0; month < Months; month++)
            {
                var monthStart = start.AddMonths(month);
                var monthEnd = monthStart.AddMonths(1);
                var assessment = CreditAssessor.Assess(customer, monthStart, configuration);
                foreach (var order in customer.Orders.Where(o => o.OrderDate.Date >= monthStart && o.OrderDate.Date < monthEnd && o.OrderDate.Date < end))
                {
                    var decision = Decide(customer, order, assessment, configuration);
                    var thenPaidLate = PaidLateAfter(customer, order.OrderDate, end);
                    total.Add(decision, order.Amount, thenPaidLate);
                    Tally(bySegment, segment).Add(decision, order.Amount, thenPaidLate);
                    Tally(byTier, assessment.Tier.Code).Add(decision, order.Amount, thenPaidLate);
                }

                var closing = monthEnd < end ? monthEnd : end;
                var exposure = ExposureSnapshotFactory.FromHistory(customer, closing, assessment.Policy.GraceDays).Total;
                total.AddMonthEnd(month, exposure, assessment.CreditLimit);
                Tally(bySegment, segment).AddMonthEnd(month, exposure, assessment.CreditLimit);
                Tally(byTier, assessment.Tier.Code).AddMonthEnd(month, exposure, assessment.CreditLimit);
            }

            finalTiers[customer.CustomerId] = CreditAssessor.Assess(customer, end, configuration).Tier.Code;
        }

        return new SimulationResult(name, start, total, bySegment, byTier, finalTiers, (end - start).Days);
    }

    /// <summary>Customers whose tier at the end differs between the two replays, by customer id.</summary>
    public static IReadOnlyList<TierChange> Compare(IReadOnlyList<CustomerHistory> portfolio, SimulationResult active, SimulationResult candidate)
    {
        Require.NotNull(portfolio, "The portfolio");
        Require.NotNull(active, "The active replay");
        Require.NotNull(candidate, "The candidate replay");
        return portfolio
            .Where(c => active.FinalTiers.TryGetValue(c.CustomerId, out var a) && candidate.FinalTiers.TryGetValue(c.CustomerId, out var b) && !string.Equals(a, b, StringComparison.Ordinal))
            .Select(c => new TierChange(c.CustomerId, SegmentOf(c), active.FinalTiers[c.CustomerId], candidate.FinalTiers[c.CustomerId]))
            .OrderBy(c => c.CustomerId, StringComparer.Ordinal)
            .ToList();
    }

    private static OrderDecision Decide(CustomerHistory customer, OrderRecord order, CreditAssessment assessment, CreditConfiguration configuration)
    {
        var day = order.OrderDate;
        // The order's own amount is not yet exposure when it is checked: neither the invoice it became (a CSV export's
        // invoice standing for its order, dated the order's day) nor, below, the open order itself.
        var exposure = ExposureSnapshotFactory.FromHistory(customer, day, assessment.Policy.GraceDays, order.InvoiceId);
        var withoutOrder = order.Status == OrderStatus.Open
            ? exposure with { OpenOrdersNotInvoiced = Math.Max(0m, exposure.OpenOrdersNotInvoiced - order.Amount) }
            : exposure;
        return OrderDecisionEngine.Decide(OrderCheckInputFactory.FromAssessment(assessment, withoutOrder, order.Amount, order.Channel, day, configuration));
    }

    private static bool PaidLateAfter(CustomerHistory customer, DateTime orderDate, DateTime end)
    {
        var next = customer.Invoices.Where(i => i.InvoiceDate.Date >= orderDate.Date).OrderBy(i => i.InvoiceDate).FirstOrDefault();
        if (next is null)
        {
            return false;
        }

        return next.SettledDate is { } settled && settled.Date <= end
            ? (settled.Date - next.DueDate.Date).Days > LateDaysCaught
            : (end - next.DueDate.Date).Days > LateDaysCaught;
    }

    private static SimulationTally Tally(SortedDictionary<string, SimulationTally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tally = new SimulationTally();
            tallies[key] = tally;
        }

        return tally;
    }

    private static string SegmentOf(CustomerHistory customer) =>
        customer.Segment.IndustryVertical is { Length: > 0 } industry ? industry : Unassigned;
}
