using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Portfolio;
using CreditOS.Integration.Worker.Dataverse;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Writes the day's portfolio KPI snapshot (table cos_portfoliokpi, one row per day by its alternate key
/// cos_snapshotdate) at the end of the scheduled batch: it reads accounts, receivables, the last 30 days' checked
/// orders, Finance's approval requests and the open alerts in pages, and the credit engine computes every figure
/// (<see cref="PortfolioKpiCalculator"/>, <see cref="PortfolioLedger"/>, <see cref="ApprovalQueueCalculator"/>).
/// Amounts are summed as Dataverse holds them, in the organization's reporting currency.
/// </summary>
public sealed class PortfolioKpiSnapshotWriter(DataverseWebApiClient client, TimeProvider clock)
{
    public const string EntitySet = "cos_portfoliokpis";
    public const int OrderWindowDays = 30;
    private const int PageSize = 5000;
    private const string ReportingCurrency = "EUR";
    private const string Unassigned = "Unassigned";
    private const int Pending = 412500000;
    private const int Escalated = 412500004;

    /// <summary>The customer groups (choice cos_customergroup) and the snapshot columns that carry each one's figures.</summary>
    public static readonly IReadOnlyDictionary<int, string> Segments = new Dictionary<int, string>
    {
        [412500000] = "keyaccount",
        [412500001] = "midmarket",
        [412500002] = "smallbusiness",
        [412500003] = "publicsector",
        [412500004] = "distributor",
    };

    /// <summary>How an order's credit status (choice cos_creditstatus) counts: null = not checked yet.</summary>
    public static DecisionOutcome? OutcomeOf(int creditStatus) => creditStatus switch
    {
        412500000 => null,
        412500001 => DecisionOutcome.Approve,
        412500002 => DecisionOutcome.ApproveWithinGrace,
        412500003 or 412500004 => DecisionOutcome.RequireApproval,
        412500005 or 412500006 => DecisionOutcome.Block,
        412500007 => DecisionOutcome.AwaitPrepayment,
        _ => throw new DataverseException($"An order has credit status {creditStatus}, which the KPI snapshot does not know how to count; map it in PortfolioKpiSnapshotWriter.OutcomeOf."),
    };

    /// <summary>Computes and upserts today's snapshot; returns the figures written.</summary>
    public async Task<PortfolioSnapshot> WriteAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var segmentOf = new Dictionary<Guid, string>();
        var accounts = new List<(Guid Id, string Segment, decimal Limit, decimal Exposure, bool Starter)>();
        await foreach (var page in client.GetPagesAsync("accounts?$select=accountid,creditlimit,cos_exposure,cos_customergroup,cos_isstarterterms&$filter=statecode eq 0", PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                var id = row["accountid"]!.GetValue<Guid>();
                var segment = row["cos_customergroup"] is { } group && Segments.ContainsKey(group.GetValue<int>()) ? Segments[group.GetValue<int>()] : Unassigned;
                segmentOf[id] = segment;
                accounts.Add((id, segment, Math.Max(0m, Decimal(row["creditlimit"])), Math.Max(0m, Decimal(row["cos_exposure"])), row["cos_isstarterterms"]?.GetValue<bool>() == true));
            }
        }

        var ledger = new PortfolioLedger(today);
        await foreach (var page in client.GetPagesAsync("cos_receivables?$select=_cos_accountid_value,cos_duedate,cos_invoicedate,cos_amount,cos_openamount", PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                if (row["_cos_accountid_value"] is { } account)
                {
                    ledger.Add(account.GetValue<Guid>().ToString(), Date(row["cos_duedate"]), Date(row["cos_invoicedate"]), Decimal(row["cos_amount"]), Decimal(row["cos_openamount"]));
                }
            }
        }

        var checks = new List<OrderCheckRecord>();
        // createdon and cos_decidedon are date and time columns (Edm.DateTimeOffset): their literal is a date-time with an offset,
        // midnight UTC, which Dataverse reads whatever its OData library makes of a bare Edm.Date beside an Edm.DateTimeOffset.
        var windowStart = DateTimeLiteral(today.AddDays(-OrderWindowDays));
        await foreach (var page in client.GetPagesAsync($"salesorders?$select=_customerid_value,cos_creditstatus&$filter=createdon ge {windowStart}", PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                if (row["cos_creditstatus"] is { } status && OutcomeOf(status.GetValue<int>()) is { } outcome
                    && row["_customerid_value"] is { } customer && segmentOf.TryGetValue(customer.GetValue<Guid>(), out var segment))
                {
                    checks.Add(new OrderCheckRecord(segment, outcome));
                }
            }
        }

        var approvals = new List<ApprovalRecord>();
        var decidedSince = DateTimeLiteral(today.AddDays(-ApprovalQueueCalculator.TurnaroundWindowDays));
        await foreach (var page in client.GetPagesAsync($"cos_creditapprovalrequests?$select=cos_requestedon,cos_decidedon,cos_approvalstatus&$filter=cos_approvalstatus eq {Pending} or cos_approvalstatus eq {Escalated} or cos_decidedon ge {decidedSince}", PageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page)
            {
                var waiting = row["cos_approvalstatus"]?.GetValue<int>() is Pending or Escalated;
                var requestedOn = row["cos_requestedon"] is null ? now : Date(row["cos_requestedon"]);
                approvals.Add(new ApprovalRecord(requestedOn, waiting || row["cos_decidedon"] is null ? null : Date(row["cos_decidedon"])));
            }
        }

        var openAlerts = 0;
        await foreach (var page in client.GetPagesAsync("cos_creditalerts?$select=cos_creditalertid&$filter=statecode eq 0 and cos_isacknowledged eq false", PageSize, cancellationToken).ConfigureAwait(false))
        {
            openAlerts += page.Count;
        }

        var kpis = PortfolioKpiCalculator.Calculate(
            accounts.Select(a => new PortfolioAccount(a.Id.ToString(), a.Segment, ReportingCurrency, a.Limit, a.Exposure, ledger.AgingOf(a.Id.ToString()), ledger.SalesOf(a.Id.ToString()), a.Starter)).ToList(),
            checks);
        var snapshot = new PortfolioSnapshot(today, kpis, ApprovalQueueCalculator.Calculate(approvals, now), openAlerts);
        var results = await client.ExecuteBatchAsync([BatchOperation.Upsert($"{EntitySet}(cos_snapshotdate={today:yyyy-MM-dd})", Row(snapshot))], cancellationToken).ConfigureAwait(false);
        if (!results[0].Succeeded)
        {
            throw new DataverseException($"The portfolio KPI snapshot of {today:yyyy-MM-dd} was not written: {results[0].StatusCode} {results[0].ErrorCode} {results[0].ErrorMessage}");
        }

        return snapshot;
    }

    /// <summary>The snapshot row: percentages as Dataverse shows them (0-100), rounded to the columns' precision.</summary>
    public static JsonObject Row(PortfolioSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var kpis = snapshot.Kpis;
        var aging = kpis.AgingTotals;
        var row = new JsonObject
        {
            ["cos_name"] = "Portfolio " + snapshot.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["cos_currency"] = kpis.Currency.Length == 0 ? ReportingCurrency : kpis.Currency,
            ["cos_accountcount"] = kpis.AccountCount,
            ["cos_totallimit"] = Round(kpis.TotalLimit),
            ["cos_totalexposure"] = Round(kpis.TotalExposure),
            ["cos_utilization"] = Percent(kpis.UtilizationRate),
            ["cos_accountsunder50"] = kpis.UtilizationBands.Under50,
            ["cos_accounts50to80"] = kpis.UtilizationBands.From50To80,
            ["cos_accounts80to95"] = kpis.UtilizationBands.From80To95,
            ["cos_accountsover95"] = kpis.UtilizationBands.From95,
            ["cos_orderschecked"] = kpis.RejectionRates.Sum(r => r.OrdersChecked),
            ["cos_ordersrejected"] = kpis.RejectionRates.Sum(r => r.Rejected),
            ["cos_ordersawaitingprepayment"] = kpis.RejectionRates.Sum(r => r.AwaitingPrepayment),
            ["cos_rejectionrate"] = Percent(kpis.RejectionRates.Sum(r => r.OrdersChecked) is var checkedOrders and > 0 ? (double)kpis.RejectionRates.Sum(r => r.Rejected) / checkedOrders : 0),
            ["cos_dsodays"] = kpis.DaysSalesOutstanding is { } dso ? Math.Round((decimal)dso, 1) : null,
            ["cos_dsomethod"] = PortfolioKpis.DsoMethod + " (" + kpis.DsoPeriodDays.ToString(CultureInfo.InvariantCulture) + " days)",
            ["cos_agingcurrent"] = Round(aging.Current),
            ["cos_aging1to30"] = Round(aging.Days1To30),
            ["cos_aging31to60"] = Round(aging.Days31To60),
            ["cos_aging61to90"] = Round(aging.Days61To90),
            ["cos_agingover90"] = Round(aging.Over90Days),
            ["cos_startertermsshare"] = Percent(kpis.StarterTermsShare),
            ["cos_financequeuesize"] = snapshot.Approvals.Waiting,
            ["cos_approvalswaitingunder1day"] = snapshot.Approvals.WaitingUnder1Day,
            ["cos_approvalswaiting1to3days"] = snapshot.Approvals.Waiting1To3Days,
            ["cos_approvalswaitingover3days"] = snapshot.Approvals.WaitingOver3Days,
            ["cos_approvalturnaroundhours"] = snapshot.Approvals.AverageTurnaroundHours is { } hours ? Math.Round((decimal)hours, 1) : null,
            ["cos_openalerts"] = snapshot.OpenAlerts,
        };
        foreach (var segment in Segments.Values)
        {
            row["cos_utilization" + segment] = kpis.SegmentUtilizations.FirstOrDefault(s => s.Segment == segment) is { } utilization ? Percent(utilization.UtilizationRate) : null;
            row["cos_rejectionrate" + segment] = kpis.RejectionRates.FirstOrDefault(s => s.Segment == segment) is { } rejection ? Percent(rejection.RejectionRate) : null;
        }

        return row;
    }

    private static decimal Percent(double rate) => Math.Round((decimal)rate * 100m, 2);

    private static decimal Round(decimal amount) => Math.Round(amount, 2);

    /// <summary>An Edm.DateTimeOffset literal for a $filter on a date and time column: the day's midnight, UTC.</summary>
    private static string DateTimeLiteral(DateTime day) => day.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);

    private static decimal Decimal(JsonNode? value) => value is null ? 0m : value.GetValue<decimal>();

    private static DateTime Date(JsonNode? value) =>
        value is null ? DateTime.MinValue : DateTime.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

/// <summary>One day's KPIs as written to cos_portfoliokpi.</summary>
public sealed record PortfolioSnapshot(DateTime Day, PortfolioKpis Kpis, ApprovalQueueKpis Approvals, int OpenAlerts);
