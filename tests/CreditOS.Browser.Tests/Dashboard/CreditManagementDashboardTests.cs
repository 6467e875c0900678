extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using CreditOS.CreditEngine.History;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.Dashboard;

/// <summary>
/// The app's "Credit management" dashboard over the demo portfolio (<see cref="DemoPortfolio"/>), opened by Fiona
/// (Finance approver role, Credit Deciders profile): every system chart the dashboard places is drawn from her own
/// aggregate queries, and the figures are what Dataverse holds; the Aging web resource computes its buckets today from
/// the open receivables (the accounts store none since issue 15, session 16).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditManagementDashboardTests(ChromiumFixture chromium) : IAsyncLifetime
{
    public static readonly Guid CreditManagement = Guid.Parse("8866ea8d-45f4-503e-a73e-d58e13a526ba");

    private CrmInTheBrowser _crm = null!;
    private IReadOnlyList<Guid> _accounts = [];

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        _accounts = DemoPortfolio.Load(_crm);
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task CreditManager_SeesEveryChart_AgingComputedFromTheOpenReceivables_AndTodaysKpisPerSegment()
    {
        var snapshot = await DemoPortfolio.WriteKpiSnapshotAsync(_crm);

        var page = await _crm.OpenDashboardAsync(FixedIds.FinanceApprover, CreditManagement);

        Assert.Equal(
            ["Tier mix", "Utilization trend (target below 70%)", "Utilization distribution", "Rejection rate per segment", "DSO trend", "Approvals waiting by age", "Utilization per segment (target below 70%)", "Aging trend"],
            await page.Locator("section[data-chart] h2").AllTextContentsAsync());

        // Aging (issue 15, session 16): the accounts store no buckets; the dashboard's Aging web resource computes them
        // today from the open receivables of active customers, one aggregate FetchXML per due-date range, as Fiona.
        var aging = page.FrameLocator("iframe#WebResource_aging");
        await aging.Locator("body[data-state='ready']").WaitForAsync();
        Assert.Equal("Aging", await aging.Locator("section[data-chart='Aging'] h2").TextContentAsync());
        var expected = AgingByRiskLevel();
        Assert.True(expected.Values.Sum(a => a.Days61To90 + a.Over90Days) > 0, "the demo portfolio has receivables over 60 days past due");
        var drawn = await aging.Locator("section[data-chart='Aging'] td[data-measure]").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.getAttribute('data-category') + '|' + r.getAttribute('data-measure') + '|' + r.getAttribute('data-value'))");
        var expectedRows = expected
            .SelectMany(level => new[]
            {
                (level.Key, "current", level.Value.Current), (level.Key, "d30", level.Value.Days1To30), (level.Key, "d60", level.Value.Days31To60),
                (level.Key, "d90", level.Value.Days61To90), (level.Key, "over90", level.Value.Over90Days),
            })
            .Select(row => row.Item1 + "|" + row.Item2 + "|" + row.Item3.ToString("0.##", CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedRows, drawn.Order(StringComparer.Ordinal));
        // The buckets add up to the open receivables the rescoring keeps on the accounts (one aggregate, two readers).
        Assert.Equal(AccountsWithOpenReceivables().Sum(a => Money(a, Account.Fields.OpenReceivables)), expected.Values.Sum(a => a.Total));
        // Five aggregates and the base currency's ISO code (session 35).
        Assert.Equal(6, await aging.Locator("body").EvaluateAsync<int>("() => creditOS.AgingChart.requestCount()"));

        // Utilization and rejection rate per segment: today's snapshot row, as the scheduled batch wrote it.
        // The charts group the history by day (dategrouping="day"): the category is the day of the month.
        var day = snapshot.Day.Day.ToString(CultureInfo.InvariantCulture);
        var kpi = _crm.System.RetrieveMultiple(new QueryExpression("cos_portfoliokpi") { ColumnSet = new ColumnSet(true) }).Entities.Single();
        foreach (var segment in new[] { "keyaccount", "midmarket", "smallbusiness" })
        {
            Assert.Equal(kpi.GetAttributeValue<decimal>("cos_utilization" + segment), await ValueAsync(page, "Utilization per segment (target below 70%)", day, segment));
            Assert.Equal(kpi.GetAttributeValue<decimal>("cos_rejectionrate" + segment), await ValueAsync(page, "Rejection rate per segment", day, segment));
        }

        Assert.True(kpi.GetAttributeValue<int>("cos_orderschecked") > 0, "Sam's orders were checked");
        Assert.Equal(snapshot.Kpis.AccountCount, kpi.GetAttributeValue<int>("cos_accountcount"));
        Assert.Equal(_accounts.Count, await page.Locator("section[data-chart='Tier mix'] tr[data-measure]").EvaluateAllAsync<int>("rows => rows.reduce((sum, r) => sum + Number(r.getAttribute('data-value')), 0)"));
        await Screenshots.SaveIfRequestedAsync(page, "credit-management-dashboard.png");
    }

    [Fact]
    public async Task Aging_IsInTheBaseCurrency_WithAValueAxis_BucketLabels_AndTheAmountOnEachBar_ReadableWithoutSeeingIt()
    {
        // Session 35: one more open invoice, in pounds at 0.5 to the dollar (the base currency): GBP 1,000.00 is USD 2,000.00 in
        // the 31–60 days bucket. Summing cos_openamount added the pounds to the dollars as they stood.
        InvoiceInPounds.CreateFor(_crm, _accounts[0]);
        var inBase = AgingByRiskLevel("cos_openamount_base").Values.Aggregate(AgingBalance.Empty, (sum, level) => sum.Add(level));
        var asStored = AgingByRiskLevel(Receivable.Fields.OpenAmount).Values.Aggregate(AgingBalance.Empty, (sum, level) => sum.Add(level));
        Assert.Equal(asStored.Days31To60 + 1_000m, inBase.Days31To60);
        var us = CultureInfo.GetCultureInfo("en-US");

        var page = await _crm.OpenDashboardAsync(FixedIds.FinanceApprover, CreditManagement);
        var aging = page.FrameLocator("iframe#WebResource_aging");
        await aging.Locator("body[data-state='ready']").WaitForAsync();
        var section = aging.Locator("section[data-chart='Aging']");

        Assert.Equal("USD", await section.GetAttributeAsync("data-currency"));
        var expected = new[] { ("current", "Current", inBase.Current), ("d30", "1–30 days", inBase.Days1To30), ("d60", "31–60 days", inBase.Days31To60), ("d90", "61–90 days", inBase.Days61To90), ("over90", "Over 90 days", inBase.Over90Days) };
        foreach (var (measure, label, total) in expected)
        {
            var bar = section.Locator($"svg g[data-bucket='{measure}']");
            Assert.Equal(total, decimal.Parse(await bar.GetAttributeAsync("data-total") ?? "", CultureInfo.InvariantCulture));
            Assert.Equal(label, await bar.Locator("text.cos-bucket").TextContentAsync());
            Assert.Equal("USD " + Math.Round(total, 0, MidpointRounding.AwayFromZero).ToString("N0", us), await bar.Locator("text.cos-bar-amount").TextContentAsync());
            Assert.Equal("USD " + total.ToString("N2", us), await section.Locator($"#aging-figures td[data-total='{measure}']").TextContentAsync());
        }

        // The value axis: five ticks from 0 to a round maximum at or above the largest bucket, and its title.
        var ticks = (await section.Locator("svg text.cos-tick").AllTextContentsAsync()).Select(t => decimal.Parse(t, NumberStyles.Number, us)).ToList();
        Assert.Equal(5, ticks.Count);
        Assert.Equal(0m, ticks[0]);
        Assert.True(ticks[4] >= expected.Max(e => e.Item3), $"the axis ends at {ticks[4]}, below the largest bucket");
        Assert.Equal("Open amount (USD)", await section.Locator("svg text.cos-axis-title").TextContentAsync());

        // The text alternative: the svg is an image named by its title and described by every bucket's amount; the figures
        // table (visually hidden, not display:none) has a caption and headers.
        var svg = section.Locator("svg");
        Assert.Equal("img", await svg.GetAttributeAsync("role"));
        Assert.Equal("Aging of open receivables in USD", await section.Locator("svg title").TextContentAsync());
        Assert.Contains("31–60 days: USD " + inBase.Days31To60.ToString("N2", us), await section.Locator("svg desc").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal("aging-svg-title aging-svg-desc", await svg.GetAttributeAsync("aria-labelledby"));
        Assert.NotEqual("none", await section.Locator("#aging-figures").EvaluateAsync<string>("t => getComputedStyle(t).display"));
        Assert.Equal(6, await section.Locator("#aging-figures thead th[scope='col']").CountAsync());
        await Screenshots.SaveIfRequestedAsync(page, "credit-management-dashboard-aging.png");
    }

    /// <summary>
    /// The engine's aging (AgingBalance: days past due = today − due date) of every open receivable of an active customer,
    /// per the customer's risk level as the chart labels it, from the rows themselves (not from any stored figure).
    /// </summary>
    private SortedDictionary<string, AgingBalance> AgingByRiskLevel(string amountColumn = Receivable.Fields.OpenAmount)
    {
        var today = _crm.Environment.Clock.GetUtcNow().UtcDateTime.Date;
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(amountColumn, Receivable.Fields.DueDate) };
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        var customer = query.AddLink(Account.EntityLogicalName, Receivable.Fields.AccountId, "accountid");
        customer.EntityAlias = "customer";
        customer.Columns = new ColumnSet(Account.Fields.RiskLevel);
        customer.LinkCriteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        var levels = new Dictionary<int, string> { [412500000] = "Low", [412500001] = "Medium", [412500002] = "High", [412500003] = "Severe" };
        var result = new SortedDictionary<string, AgingBalance>(StringComparer.Ordinal);
        foreach (var row in _crm.System.RetrieveMultiple(query).Entities)
        {
            var level = row.GetAttributeValue<AliasedValue>("customer." + Account.Fields.RiskLevel)?.Value is OptionSetValue choice ? levels[choice.Value] : "(none)";
            var due = row.GetAttributeValue<DateTime?>(Receivable.Fields.DueDate);
            var daysPastDue = due is { } date ? (int)(today - date.Date).TotalDays : 0;
            result[level] = (result.TryGetValue(level, out var aging) ? aging : AgingBalance.Empty).AddItem(Money(row, amountColumn), daysPastDue);
        }

        return result;
    }

    private List<Entity> AccountsWithOpenReceivables()
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Account.Fields.OpenReceivables),
        };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition(Account.Fields.OpenReceivables, ConditionOperator.GreaterThan, 0m);
        return [.. _crm.System.RetrieveMultiple(query).Entities];
    }

    private static async Task<decimal> ValueAsync(IPage page, string chart, string category, string measure)
    {
        var rows = page.Locator($"section[data-chart='{chart}'] tr[data-category='{category}'][data-measure='{measure}']");
        if (await rows.CountAsync() != 1)
        {
            var drawn = await page.Locator($"section[data-chart='{chart}'] tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-category') + '/' + r.getAttribute('data-measure'))");
            Assert.Fail($"Chart '{chart}' has no single {category}/{measure}; it drew: {string.Join(", ", drawn)}");
        }

        return decimal.Parse(await rows.GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
    }

    private static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
