using CreditOS.Bureau;

namespace CreditOS.Integration.Tests.Bureau;

public sealed class BureauClientMonitoringTests
{
    [Fact]
    public async Task A_portfolio_is_created_once_and_companies_are_added_and_removed_idempotently()
    {
        await using var local = await LocalBureauForClient.StartAsync();

        var portfolio = await local.Client.EnsurePortfolioAsync("creditOS monitored customers");
        var again = await local.Client.EnsurePortfolioAsync("creditOS monitored customers");
        await local.Client.AddToPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100001", "CUST-001");
        await local.Client.AddToPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100001", "CUST-001");
        await local.Client.AddToPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100002");
        var members = await Collect(local.Client.ListPortfolioCompaniesAsync(portfolio.PortfolioId));
        await local.Client.RemoveFromPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100002");
        await local.Client.RemoveFromPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100002");
        var remaining = await Collect(local.Client.ListPortfolioCompaniesAsync(portfolio.PortfolioId));

        Assert.Equal(portfolio.PortfolioId, again.PortfolioId);
        Assert.Single(await local.Client.ListPortfoliosAsync());
        Assert.Equal(["DE-X-HRB100001", "DE-X-HRB100002"], members.Select(member => member.ConnectId));
        Assert.Equal("CUST-001", members[0].PersonalReference);
        Assert.Equal(["DE-X-HRB100001"], remaining.Select(member => member.ConnectId));
    }

    [Fact]
    public async Task Adding_an_unknown_company_or_using_an_unknown_portfolio_is_a_clear_error()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        var portfolio = await local.Client.CreatePortfolioAsync("p");

        var unknownCompany = await Assert.ThrowsAsync<BureauException>(() => local.Client.AddToPortfolioAsync(portfolio.PortfolioId, "DE-X-NOPE"));
        var unknownPortfolio = await Assert.ThrowsAsync<BureauException>(() => local.Client.RemoveFromPortfolioAsync(4242, "DE-X-HRB100001"));

        Assert.Equal(BureauFailure.CompanyNotFound, unknownCompany.Failure);
        Assert.Equal(BureauFailure.PortfolioNotFound, unknownPortfolio.Failure);
        Assert.Contains("4242", unknownPortfolio.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notification_events_of_the_window_come_page_after_page_with_their_criterion()
    {
        await using var local = await LocalBureauForClient.StartAsync(configure: options => options.PageSize = 2);
        var portfolio = await local.Client.EnsurePortfolioAsync("monitored");
        await local.Client.AddToPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100003");
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        local.Bureau.ChangeRating("DE-X-HRB100003", "D");
        local.Bureau.ChangeRecommendedCredit("DE-X-HRB100003", 15_000m);
        local.Bureau.AddJudgment("DE-X-HRB100003", 9_000m);
        local.Bureau.ChangeScore("DE-X-HRB100001", 20);

        var events = await Collect(local.Client.GetNotificationEventsAsync(portfolio.PortfolioId, start, DateTimeOffset.UtcNow.AddMinutes(1)));
        var before = await Collect(local.Client.GetNotificationEventsAsync(portfolio.PortfolioId, start.AddDays(-1), start));

        Assert.Equal([BureauCriterion.InternationalRating, BureauCriterion.RecommendedCredit, BureauCriterion.Judgment], events.Select(item => item.Criterion));
        Assert.Equal(("C", "D"), (events[0].OldValue, events[0].NewValue));
        Assert.Equal(("40000", "15000"), (events[1].OldValue, events[1].NewValue));
        Assert.All(events, item => Assert.Equal("DE-X-HRB100003", item.ConnectId));
        Assert.Equal(3, events.Select(item => item.EventId).Distinct().Count());
        Assert.Empty(before);
    }

    [Fact]
    public async Task Duplicate_events_from_the_bureau_keep_their_event_id()
    {
        await using var local = await LocalBureauForClient.StartAsync();
        var portfolio = await local.Client.EnsurePortfolioAsync("monitored");
        await local.Client.AddToPortfolioAsync(portfolio.PortfolioId, "DE-X-HRB100002");
        local.Bureau.ChangeRating("DE-X-HRB100002", "E");
        local.Bureau.Faults.DuplicateEvents = true;

        var events = await Collect(local.Client.GetNotificationEventsAsync(portfolio.PortfolioId, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)));

        Assert.Equal(2, events.Count);
        Assert.Equal(events[0], events[1]);
    }

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
