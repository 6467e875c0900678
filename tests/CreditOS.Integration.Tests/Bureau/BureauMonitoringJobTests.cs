extern alias plugins;

using CreditOS.Bureau;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Bureau;
using CreditOS.LocalBureau;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Change = plugins::CreditOS.Dataverse.Model.BureauChange;
using MonitorStatus = plugins::CreditOS.Dataverse.Model.BureauMonitorStatus;
using Report = plugins::CreditOS.Dataverse.Model.BureauReport;

namespace CreditOS.Integration.Tests.Bureau;

/// <summary>
/// The worker's daily bureau monitoring job against the local bureau (over HTTP, with the production client) and the
/// local Dataverse over HTTP as the worker's application user, with every credit plug-in registered.
/// </summary>
public sealed class BureauMonitoringJobTests : IAsyncLifetime
{
    private const string Rheinland = "DE-X-HRB100003";
    private LocalDataverseOverHttp _dataverse = null!;
    private LocalBureauServer _bureau = null!;
    private WorkerUnderTest _worker = null!;

    public async Task InitializeAsync()
    {
        _dataverse = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_dataverse.Service);
        CreditPlugins.Register(_dataverse.Dataverse);
        _bureau = await LocalBureauServer.StartAsync(new LocalBureauOptions { Port = 0 });
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_dataverse.Server.BaseUri, BureauSettings(_bureau)));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _bureau.DisposeAsync();
        await _dataverse.DisposeAsync();
    }

    /// <summary>The worker's Bureau section for the local bureau, with short back-off.</summary>
    public static Dictionary<string, string?> BureauSettings(LocalBureauServer bureau) => new()
    {
        ["Bureau:BaseAddress"] = bureau.ApiBaseAddress.AbsoluteUri,
        ["Bureau:UserName"] = bureau.Options.UserName,
        ["Bureau:Password"] = bureau.Options.Password,
        ["Bureau:PortalCompanyUrlTemplate"] = bureau.PortalCompanyUrlTemplate,
        ["Bureau:RetryBaseDelay"] = "00:00:00.020",
        ["Bureau:MaxRetryDelay"] = "00:00:02",
        ["Bureau:MaxRetryAttempts"] = "2",
    };

    [Fact]
    public async Task A_queued_account_is_found_by_its_registration_number_added_to_the_portfolio_and_gets_its_link_and_a_first_report()
    {
        var account = QueuedAccount("DE", "HRB100003");

        var result = await RunAsync();

        Assert.Equal(1, result.Enrolled);
        var row = AccountRow(account);
        Assert.Equal((int)MonitorStatus.Monitored, row.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
        Assert.Equal(Rheinland, row.GetAttributeValue<string>(Account.Fields.BureauConnectId));
        Assert.EndsWith("/portal/companies/DE-X-HRB100003", row.GetAttributeValue<string>(Account.Fields.BureauPortalLink), StringComparison.Ordinal);
        Assert.Equal([Rheinland], _bureau.State.MembersOf("creditOS monitored customers"));
        var report = Assert.Single(Reports(account));
        Assert.Equal(48, report.GetAttributeValue<int>(Report.Fields.SolvencyScore));
        Assert.Equal(40_000m, report.GetAttributeValue<Money>(Report.Fields.RecommendedCredit).Value);
    }

    [Fact]
    public async Task An_account_the_bureau_does_not_know_is_marked_not_found_with_the_reason()
    {
        var account = QueuedAccount("DE", "HRB999999");

        var result = await RunAsync();

        Assert.Equal(1, result.NotFound);
        var row = AccountRow(account);
        Assert.Equal((int)MonitorStatus.NotFound, row.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus).Value);
        Assert.Contains("HRB999999", row.GetAttributeValue<string>(Account.Fields.BureauMonitorMessage), StringComparison.Ordinal);
        Assert.Empty(Reports(account));
        Assert.Empty(_bureau.State.MembersOf("creditOS monitored customers"));
    }

    [Fact]
    public async Task A_rating_drop_overnight_is_pulled_recorded_per_criterion_and_suspends_the_account_and_a_second_run_writes_nothing()
    {
        var account = QueuedAccount("DE", "HRB100003");
        await RunAsync();
        _bureau.State.ChangeRating(Rheinland, "E");
        _bureau.State.ChangeRecommendedCredit(Rheinland, 5_000m);

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal((2, 1), (first.EventsPulled, first.ReportsWritten));
        var changes = Changes(account);
        Assert.Equal(2, changes.Count);
        var rating = changes.Single(change => change.GetAttributeValue<OptionSetValue>(Change.Fields.Criterion).Value == (int)plugins::CreditOS.Dataverse.Model.BureauChangeCriterion.InternationalRating);
        Assert.Equal(("C", "E"), (rating.GetAttributeValue<string>(Change.Fields.PreviousValue), rating.GetAttributeValue<string>(Change.Fields.NewValue)));
        var row = AccountRow(account);
        Assert.True(row.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Contains("rates the customer E", row.GetAttributeValue<string>(Account.Fields.SuspensionReason), StringComparison.Ordinal);
        Assert.Equal((0, 2), (second.ReportsWritten, second.Duplicates));
        Assert.Equal(2, Reports(account).Count);
        Assert.Equal(2, Changes(account).Count);
    }

    [Fact]
    public async Task Duplicate_events_write_one_change_each_and_a_redelivery_with_other_content_is_a_conflict_not_an_overwrite()
    {
        var account = QueuedAccount("DE", "HRB100003");
        await RunAsync();
        _bureau.State.AddJudgment(Rheinland, 7_500m);
        _bureau.State.Faults.DuplicateEvents = true;

        var duplicated = await RunAsync();
        var eventId = _bureau.State.Events().Single().EventId;
        _bureau.State.RewriteEvent(eventId, "3");
        var rewritten = await RunAsync();

        Assert.Equal((2, 1, 1), (duplicated.EventsPulled, duplicated.ReportsWritten, duplicated.Duplicates));
        var change = Assert.Single(Changes(account));
        Assert.Equal("1", change.GetAttributeValue<string>(Change.Fields.NewValue));
        var conflict = Assert.Single(rewritten.Conflicts);
        Assert.Contains(eventId.ToString(System.Globalization.CultureInfo.InvariantCulture), conflict, StringComparison.Ordinal);
        Assert.Equal(0, rewritten.ReportsWritten);
        Assert.True(AccountRow(account).GetAttributeValue<bool>(Account.Fields.IsSuspended));
    }

    [Fact]
    public async Task A_malformed_report_skips_the_company_with_a_clear_message_and_the_next_run_stores_its_events()
    {
        var account = QueuedAccount("DE", "HRB100003");
        await RunAsync();
        _bureau.State.ChangeScore(Rheinland, 22);
        _bureau.State.Faults.MalformedReports.Add(Rheinland);

        var malformed = await RunAsync();

        Assert.Equal(0, malformed.ReportsWritten);
        Assert.Contains("malformed", Assert.Single(malformed.Failures), StringComparison.Ordinal);
        Assert.Contains("malformed", AccountRow(account).GetAttributeValue<string>(Account.Fields.BureauMonitorMessage), StringComparison.Ordinal);
        Assert.Empty(Changes(account));
        Assert.Single(Reports(account));

        _bureau.State.Faults.MalformedReports.Clear();
        var recovered = await RunAsync();

        Assert.Equal(1, recovered.ReportsWritten);
        Assert.Single(Changes(account));
    }

    [Fact]
    public async Task A_bureau_that_is_down_or_throttling_stops_the_run_with_a_clear_status_and_loses_nothing()
    {
        var account = QueuedAccount("DE", "HRB100003");
        await RunAsync();
        _bureau.State.ChangeRating(Rheinland, "D");
        _bureau.State.Faults.Down = true;

        var down = await RunAsync();
        _bureau.State.Faults.Down = false;
        _bureau.State.Faults.ThrottleAll = true;
        var throttled = await RunAsync();
        _bureau.State.Faults.ThrottleAll = false;
        _bureau.State.Faults.ThrottleNext(1);
        var recovered = await RunAsync();

        Assert.False(down.Completed);
        Assert.Contains("unavailable", down.Interrupted, StringComparison.Ordinal);
        Assert.False(throttled.Completed);
        Assert.Contains("throttling", throttled.Interrupted, StringComparison.Ordinal);
        Assert.True(recovered.Completed);
        Assert.Equal(1, recovered.ReportsWritten);
        Assert.Single(Changes(account));
        var refresh = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            _bureau.State.Faults.Down = true;
            await using var scope = _worker.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CreditOS.Integration.Worker.Scheduling.IBureauRefreshHook>().RefreshAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        });
        Assert.Contains("stopped", refresh.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_monitoring_off_removes_the_company_from_the_portfolio_and_its_later_events_are_not_failures()
    {
        var account = QueuedAccount("DE", "HRB100003");
        await RunAsync();
        _bureau.State.ChangeRating(Rheinland, "D");
        _dataverse.Service.Update(new Entity(Account.EntityLogicalName, account) { [Account.Fields.BureauMonitored] = false });

        var off = await RunAsync();
        var again = await RunAsync();

        Assert.Equal(1, off.Withdrawn);
        Assert.Empty(_bureau.State.MembersOf("creditOS monitored customers"));
        var row = AccountRow(account);
        Assert.Null(row.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus));
        Assert.Contains("Monitoring switched off: removed from the bureau portfolio 'creditOS monitored customers'", row.GetAttributeValue<string>(Account.Fields.BureauMonitorMessage), StringComparison.Ordinal);
        Assert.Equal(Rheinland, row.GetAttributeValue<string>(Account.Fields.BureauConnectId));
        Assert.Empty(off.Failures);
        Assert.Equal(0, off.ReportsWritten);
        Assert.Equal(0, again.Withdrawn);
        Assert.Single(Reports(account));
    }

    private async Task<BureauMonitoringResult> RunAsync()
    {
        await using var scope = _worker.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BureauMonitoringJob>().RunAsync(CancellationToken.None);
    }

    private Guid QueuedAccount(string country, string registrationNumber)
    {
        var id = _dataverse.AddAccount("M-" + registrationNumber);
        _dataverse.Service.Update(new Entity(Account.EntityLogicalName, id)
        {
            [Account.Fields.BureauMonitored] = true,
            [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)MonitorStatus.Pending),
            [Account.Fields.CountryCode] = country,
            [Account.Fields.RegistrationNumber] = registrationNumber,
        });
        return id;
    }

    private Entity AccountRow(Guid id) => _dataverse.Service.Retrieve(Account.EntityLogicalName, id, new ColumnSet(true));

    private List<Entity> Reports(Guid account) => Rows(Report.EntityLogicalName, Report.Fields.AccountId, account);

    private List<Entity> Changes(Guid account) => Rows(Change.EntityLogicalName, Change.Fields.AccountId, account);

    private List<Entity> Rows(string table, string accountColumn, Guid account)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(accountColumn, ConditionOperator.Equal, account);
        return [.. _dataverse.Service.RetrieveMultiple(query).Entities];
    }
}
