extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Browser.Tests.Dashboard;

/// <summary>
/// The app's "Credit management" dashboard over the demo portfolio (<see cref="DemoPortfolio"/>), opened by Fiona
/// (Finance approver role, Credit Deciders profile): every system chart the dashboard places is drawn from her own
/// aggregate queries, and the figures are what Dataverse holds.
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
    public async Task CreditManager_SeesEveryChart_AgingFromTheAccountsColumns_AndTodaysKpisPerSegment()
    {
        var snapshot = await DemoPortfolio.WriteKpiSnapshotAsync(_crm);

        var page = await _crm.OpenDashboardAsync(FixedIds.FinanceApprover, CreditManagement);

        Assert.Equal(
            ["Tier mix", "Utilization trend (target below 70%)", "Utilization distribution", "Rejection rate per segment", "DSO trend", "Aging", "Approvals waiting by age", "Utilization per segment (target below 70%)", "Aging trend"],
            await page.Locator("section[data-chart] h2").AllTextContentsAsync());

        // Aging: the account's five aging columns summed over active customers with open receivables, per risk level.
        var buckets = new Dictionary<string, string>
        {
            ["current"] = Account.Fields.CurrentBalance,
            ["d30"] = Account.Fields.Aging1To30,
            ["d60"] = Account.Fields.Aging31To60,
            ["d90"] = Account.Fields.Aging61To90,
            ["over90"] = Account.Fields.AgingOver90,
        };
        var accounts = AccountsWithOpenReceivables();
        Assert.NotEmpty(accounts);
        Assert.True(accounts.Sum(a => Money(a, Account.Fields.Aging61To90) + Money(a, Account.Fields.AgingOver90)) > 0, "the demo portfolio has receivables over 60 days past due");
        foreach (var (measure, column) in buckets)
        {
            Assert.Equal(accounts.Sum(a => Money(a, column)), await SumAsync(page, "Aging", measure));
        }

        Assert.Equal(accounts.Sum(a => Money(a, Account.Fields.OpenReceivables)), await SumAsync(page, "Aging", null));

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

    private List<Entity> AccountsWithOpenReceivables()
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Account.Fields.OpenReceivables, Account.Fields.CurrentBalance, Account.Fields.Aging1To30, Account.Fields.Aging31To60, Account.Fields.Aging61To90, Account.Fields.AgingOver90),
        };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        query.Criteria.AddCondition(Account.Fields.OpenReceivables, ConditionOperator.GreaterThan, 0m);
        return [.. _crm.System.RetrieveMultiple(query).Entities];
    }

    private static async Task<decimal> SumAsync(IPage page, string chart, string? measure) =>
        await page.Locator($"section[data-chart='{chart}'] tr[data-measure{(measure is null ? string.Empty : $"='{measure}'")}]")
            .EvaluateAllAsync<decimal>("rows => Math.round(rows.reduce((sum, r) => sum + Number(r.getAttribute('data-value')), 0) * 100) / 100");

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
