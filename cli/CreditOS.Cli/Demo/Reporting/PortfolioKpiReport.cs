using CreditOS.CreditEngine.Portfolio;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>Prints the portfolio KPIs with their targets and methods.</summary>
internal static class PortfolioKpiReport
{
    private static readonly TableColumn[] RejectionColumns =
        [new("Segment", LeftAligned: true), new("Orders checked"), new("Rejected"), new("Rejection rate"), new("Held for Finance"), new("Awaiting prepayment")];

    private static readonly TableColumn[] AgingColumns =
        [new("Current"), new("1-30"), new("31-60"), new("61-90"), new("90+"), new("Total open")];

    public static void Write(DemoOutput output, PortfolioKpis kpis)
    {
        output.Line("Accounts: " + Figures.Count(kpis.AccountCount) + "; total limit " + Figures.Money(kpis.Currency, kpis.TotalLimit)
            + ", total exposure " + Figures.Money(kpis.Currency, kpis.TotalExposure) + ".");
        output.Line("Credit utilization rate: " + Figures.Percent(kpis.UtilizationRate) + " (target below " + Figures.Percent(PortfolioKpis.UtilizationTarget) + ": "
            + (kpis.UtilizationWithinTarget ? "within target" : "ABOVE target") + "); exposure of accounts with a limit over their total limit.");
        output.Line("DSO: " + Figures.Days(kpis.DaysSalesOutstanding) + " (period method: open receivables / credit sales of the last "
            + kpis.DsoPeriodDays + " days x " + kpis.DsoPeriodDays + ").");
        output.Line("Share of customers on starter terms: " + Figures.Percent(kpis.StarterTermsShare) + ".");
        output.Line("Aging of open receivables (" + kpis.Currency + ", days past due):");
        var aging = kpis.AgingTotals;
        output.Table(AgingColumns, [[Figures.Money(aging.Current), Figures.Money(aging.Days1To30), Figures.Money(aging.Days31To60), Figures.Money(aging.Days61To90), Figures.Money(aging.Over90Days), Figures.Money(aging.Total)]]);
        if (kpis.RejectionRates.Count == 0)
        {
            output.Line("Credit rejection rate per segment: no orders were credit-checked in this run.");
            return;
        }

        output.Line("Credit rejection rate per segment (orders checked in this run; rejected = blocked or suspended):");
        output.Table(RejectionColumns, [.. kpis.RejectionRates.Select(r => (IReadOnlyList<string>)
            [r.Segment, Figures.Count(r.OrdersChecked), Figures.Count(r.Rejected), Figures.Percent(r.RejectionRate), Figures.Count(r.Held), Figures.Count(r.AwaitingPrepayment)])]);
    }
}
