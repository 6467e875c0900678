extern alias plugins;

using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Applications;
using CreditOS.LocalBureau;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using AccountTable = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using ReportTable = plugins::CreditOS.Dataverse.Model.BureauReport;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Integration.Tests.Applications;

/// <summary>
/// The worker's credit application step against the local bureau (over HTTP, with the production bureau client) and
/// the local Dataverse's Web API with the product's plug-ins: a submitted application is looked up at the bureau, its
/// report stored on the account and handed to cos_AssessCreditApplication, which sends the initial limit to Finance;
/// an unknown company needs more information; a bureau that is down leaves the application waiting and it is retried.
/// </summary>
public sealed class CreditApplicationBureauStepTests : IAsyncLifetime
{
    private const string Alpenblick = "DE-X-HRB100002";
    private LocalDataverseOverHttp local = null!;
    private LocalBureauServer bureau = null!;

    public async Task InitializeAsync()
    {
        local = await LocalDataverseOverHttp.StartAsync(withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(local.Service);
        CreditPlugins.Register(local.Dataverse);
        bureau = await LocalBureauServer.StartAsync(new LocalBureauOptions { Port = 0 });
    }

    public async Task DisposeAsync()
    {
        await bureau.DisposeAsync();
        await local.DisposeAsync();
    }

    [Fact]
    public async Task SubmittedApplication_IsLookedUpAtTheBureau_ItsReportStored_AndSentToFinance()
    {
        var known = SubmittedApplication("Alpenblick Handels AG", "HRB100002");
        var unknown = SubmittedApplication("Phantom GmbH", "HRB999999");
        await using var worker = Worker();

        var pass = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Assessed);
        Assert.Equal(1, pass.NotFound);
        var assessed = Application(known);
        Assert.Equal((int)Status.InAssessment, StatusOf(assessed));
        Assert.Equal(Alpenblick, assessed.GetAttributeValue<string>(AppTable.Fields.BureauCompanyId));
        Assert.NotNull(assessed.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
        var report = local.Service.Retrieve(ReportTable.EntityLogicalName, assessed.GetAttributeValue<EntityReference>(AppTable.Fields.BureauReportId).Id, new ColumnSet(true));
        Assert.Equal(71, report.GetAttributeValue<int>(ReportTable.Fields.SolvencyScore));
        Assert.Equal(120_000m, report.GetAttributeValue<Money>(ReportTable.Fields.RecommendedCredit).Value);
        Assert.StartsWith(Alpenblick + "-", report.GetAttributeValue<string>(ReportTable.Fields.ExternalId), StringComparison.Ordinal);
        var request = local.Service.Retrieve("cos_creditapprovalrequest", assessed.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId).Id, new ColumnSet(true));
        Assert.Equal(71, request.GetAttributeValue<int>("cos_bureausolvencyscore"));
        Assert.Equal(assessed.GetAttributeValue<Money>(AppTable.Fields.RecommendedLimit).Value, request.GetAttributeValue<Money>("cos_requestedlimit").Value);
        var notFound = Application(unknown);
        Assert.Equal((int)Status.MoreInformationNeeded, StatusOf(notFound));
        Assert.Contains("no company matches country DE, registration number HRB999999", notFound.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);

        var again = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, again.Assessed + again.NotFound + again.Waiting + again.Failed);
    }

    [Fact]
    public async Task BureauDown_TheApplicationWaitsInAssessment_WithTheReason_AndIsAssessedOnceTheBureauIsBack()
    {
        var application = SubmittedApplication("Alpenblick Handels AG", "HRB100002");
        bureau.State.Faults.Down = true;
        await using var worker = Worker();
        var step = worker.Services.GetRequiredService<CreditApplicationBureauStep>();

        var down = await step.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, down.Waiting);
        var waiting = Application(application);
        Assert.Equal((int)Status.InAssessment, StatusOf(waiting));
        Assert.Contains("the bureau is unavailable", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.NotNull(waiting.GetAttributeValue<DateTime?>(AppTable.Fields.NextBureauAttemptOn));
        Assert.Null(waiting.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
        Assert.Equal(0, local.Dataverse.Count(ReportTable.EntityLogicalName));

        bureau.State.Faults.Clear();
        var wait = waiting.GetAttributeValue<DateTime>(AppTable.Fields.NextBureauAttemptOn) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(200));
        }

        var back = await step.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, back.Assessed);
        Assert.NotNull(Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
    }

    [Fact]
    public async Task BureauThrottling_TheApplicationWaitsWithTheReason_AndTheWorkersJobRetriesItOnALaterPass()
    {
        var application = SubmittedApplication("Alpenblick Handels AG", "HRB100002");
        bureau.State.Faults.ThrottleAll = true;
        await using var worker = Worker(new Dictionary<string, string?> { ["CreditApplications:PollInterval"] = "00:00:05" });
        var job = ActivatorUtilities.CreateInstance<CreditApplicationJob>(worker.Services);

        // The hosted job, on its own timer, as the worker runs it: nothing calls the step by hand.
        await job.StartAsync(CancellationToken.None);
        try
        {
            var waiting = await EventuallyAsync(() => Application(application), row => row.GetAttributeValue<int?>(AppTable.Fields.BureauAttempts) >= 1);
            Assert.Equal((int)Status.InAssessment, StatusOf(waiting));
            Assert.Contains("Waiting for the bureau", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
            Assert.Contains("the bureau is throttling requests (429)", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
            Assert.Null(waiting.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
            Assert.Equal(0, local.Dataverse.Count(ReportTable.EntityLogicalName));

            bureau.State.Faults.Clear();

            var assessed = await EventuallyAsync(() => Application(application), row => row.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId) is not null);
            Assert.Equal((int)Status.InAssessment, StatusOf(assessed));
            Assert.Null(assessed.GetAttributeValue<DateTime?>(AppTable.Fields.NextBureauAttemptOn));
            Assert.Equal(1, local.Dataverse.Count(ReportTable.EntityLogicalName));
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task MalformedReport_IsNotStored_AndTheApplicationWaitsWithTheReason()
    {
        var application = SubmittedApplication("Alpenblick Handels AG", "HRB100002");
        bureau.State.Faults.MalformedReports.Add(Alpenblick);
        await using var worker = Worker();

        var pass = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Waiting);
        Assert.Contains("malformed", Application(application).GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Equal(0, local.Dataverse.Count(ReportTable.EntityLogicalName));
    }

    [Fact]
    public async Task AReportInTheBureausCurrency_IsStoredInTheAccountsCurrency_AtDataversesExchangeRates()
    {
        // Thames Components (GB): the bureau recommends 60,000 GBP; the account trades in EUR, the base currency (rate 1),
        // and one euro is worth 0.85 GBP: 60,000 / 0.85 × 1 = 70,588.24 EUR is what caps the limit and what Finance reads.
        local.Service.Create(new Entity("transactioncurrency") { ["isocurrencycode"] = "GBP", ["currencyname"] = "Pound Sterling", ["currencysymbol"] = "£", ["exchangerate"] = 0.85m, ["currencyprecision"] = 2 });
        var application = SubmittedApplication("Thames Components Ltd", "09000006", "GB");
        await using var worker = Worker();

        var pass = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Assessed);
        var report = local.Service.Retrieve(ReportTable.EntityLogicalName, Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.BureauReportId).Id, new ColumnSet(true));
        Assert.Equal(70_588.24m, report.GetAttributeValue<Money>(ReportTable.Fields.RecommendedCredit).Value);
        Assert.Equal(local.Euro, report.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
    }

    [Fact]
    public async Task AReportInACurrencyTheEnvironmentLacks_IsNotStored_TheApplicationWaitsSayingWhichCurrencyToAdd()
    {
        var application = SubmittedApplication("Thames Components Ltd", "09000006", "GB");
        await using var worker = Worker();

        var pass = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Waiting);
        var waiting = Application(application);
        Assert.Equal((int)Status.InAssessment, StatusOf(waiting));
        Assert.Contains("recommended credit of 60,000 in GBP, which is not a currency of this environment", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Contains("add GBP with its exchange rate", waiting.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Equal(0, local.Dataverse.Count(ReportTable.EntityLogicalName));
    }

    /// <summary>
    /// Controls round 9 (session 16): the assessment writes the company the lookup matched on the account, so the
    /// monitoring job enrols the customer by it; a registration number typed on the account afterwards (here by SYSTEM,
    /// which the bureau identity guard lets through; a rep is refused, Plugins.Tests BureauMonitoringIdentityControlTests)
    /// that finds another company (Rheinland, solvency 48) files nothing of that company.
    /// </summary>
    [Fact]
    public async Task TheAssessedCompany_IsTheAccountsBureauCompanyId_AndMonitoringEnrolsByIt_NotByANumberTypedLater()
    {
        var application = SubmittedApplication("Alpenblick Handels AG", "HRB100002");
        await using var worker = Worker();
        await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);
        var account = Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.AccountId).Id;
        Assert.Equal(Alpenblick, AccountRow(account).GetAttributeValue<string>(AccountTable.Fields.BureauConnectId));

        local.Service.Update(QueuedWithNumber(account, "HRB100003", keepCompanyId: true));
        var run = await MonitorAsync(worker);

        Assert.Equal(1, run.Enrolled);
        Assert.Equal(Alpenblick, AccountRow(account).GetAttributeValue<string>(AccountTable.Fields.BureauConnectId));
        Assert.Equal([Alpenblick], bureau.State.MembersOf("creditOS monitored customers"));
        Assert.Equal([71, 71], ReportsOn(account).Select(report => report.GetAttributeValue<int>(ReportTable.Fields.SolvencyScore)));
    }

    /// <summary>
    /// The worker's side: an account onboarded before the assessment wrote the company id (none on the account) is not
    /// enrolled by a number that finds another company than its application's; it is marked Failed naming both ids, and
    /// nothing of the other company is filed or monitored.
    /// </summary>
    [Fact]
    public async Task AnAccountWithoutTheCompanyId_IsNotEnrolledByANumberFindingAnotherCompanyThanItsApplications()
    {
        var application = SubmittedApplication("Alpenblick Handels AG", "HRB100002");
        await using var worker = Worker();
        await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);
        var account = Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.AccountId).Id;

        local.Service.Update(QueuedWithNumber(account, "HRB100003", keepCompanyId: false));
        var run = await MonitorAsync(worker);

        Assert.Equal(0, run.Enrolled);
        var row = AccountRow(account);
        Assert.Equal((int)plugins::CreditOS.Dataverse.Model.BureauMonitorStatus.Failed, row.GetAttributeValue<OptionSetValue>(AccountTable.Fields.BureauMonitorStatus).Value);
        var message = row.GetAttributeValue<string>(AccountTable.Fields.BureauMonitorMessage);
        Assert.Contains("finds the bureau's company DE-X-HRB100003, but its credit application 'Alpenblick Handels AG' was assessed on company " + Alpenblick, message, StringComparison.Ordinal);
        Assert.Contains(message, Assert.Single(run.Failures), StringComparison.Ordinal);
        Assert.Empty(bureau.State.MembersOf("creditOS monitored customers"));
        Assert.Equal([71], ReportsOn(account).Select(report => report.GetAttributeValue<int>(ReportTable.Fields.SolvencyScore)));
    }

    /// <summary>
    /// Controls round 17 (session 24): a sales rep typed another company's registration number. The bureau's company is
    /// registered as "Alpenblick Handels AG", not as the applicant "Litware GmbH": the worker files its report on no account
    /// (engine <c>BureauIdentity.Confirms</c>), so the report feeds no customer's Risk score, and the assessment sends it to
    /// Finance flagged; before, it was filed on Litware's account (and rescored it) before the assessment ran.
    /// </summary>
    [Fact]
    public async Task AReportWhoseRegisteredNameIsNotTheApplicants_IsFiledOnNoAccount_AndReachesFinanceFlagged()
    {
        var application = SubmittedApplication("Litware GmbH", "HRB100002");
        await using var worker = Worker();

        var pass = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Assessed);
        var assessed = Application(application);
        var account = assessed.GetAttributeValue<EntityReference>(AppTable.Fields.AccountId).Id;
        Assert.Empty(ReportsOn(account));
        var report = local.Service.Retrieve(ReportTable.EntityLogicalName, assessed.GetAttributeValue<EntityReference>(AppTable.Fields.BureauReportId).Id, new ColumnSet(true));
        Assert.Null(report.GetAttributeValue<EntityReference>(ReportTable.Fields.AccountId));
        Assert.Equal("Alpenblick Handels AG", report.GetAttributeValue<string>(ReportTable.Fields.Name));
        Assert.Equal(71, report.GetAttributeValue<int>(ReportTable.Fields.SolvencyScore));
        var request = local.Service.Retrieve("cos_creditapprovalrequest", assessed.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId).Id, new ColumnSet(true));
        Assert.Equal("BureauNameMismatch", request.GetAttributeValue<string>("cos_reasoncode"));
        Assert.Equal(71, request.GetAttributeValue<int>("cos_bureausolvencyscore"));
        Assert.StartsWith("Held for Finance since ", assessed.GetAttributeValue<string>(AppTable.Fields.StatusMessage), StringComparison.Ordinal);
        Assert.Null(AccountRow(account).GetAttributeValue<string>(AccountTable.Fields.BureauConnectId));

        var again = await worker.Services.GetRequiredService<CreditApplicationBureauStep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, again.Assessed + again.NotFound + again.Waiting + again.Failed);
    }

    private static Entity QueuedWithNumber(Guid account, string registrationNumber, bool keepCompanyId)
    {
        var update = new Entity(AccountTable.EntityLogicalName, account)
        {
            [AccountTable.Fields.RegistrationNumber] = registrationNumber,
            [AccountTable.Fields.CountryCode] = "DE",
            [AccountTable.Fields.BureauMonitored] = true,
            [AccountTable.Fields.BureauMonitorStatus] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.BureauMonitorStatus.Pending),
        };
        if (!keepCompanyId)
        {
            update[AccountTable.Fields.BureauConnectId] = null;
        }

        return update;
    }

    private static async Task<CreditOS.Integration.Worker.Bureau.BureauMonitoringResult> MonitorAsync(WorkerUnderTest worker)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreditOS.Integration.Worker.Bureau.BureauMonitoringJob>().RunAsync(CancellationToken.None);
    }

    private Entity AccountRow(Guid id) => local.Service.Retrieve(AccountTable.EntityLogicalName, id, new ColumnSet(true));

    private List<Entity> ReportsOn(Guid account)
    {
        var query = new QueryExpression(ReportTable.EntityLogicalName) { ColumnSet = new ColumnSet(ReportTable.Fields.SolvencyScore) };
        query.Criteria.AddCondition(ReportTable.Fields.AccountId, ConditionOperator.Equal, account);
        return [.. local.Service.RetrieveMultiple(query).Entities];
    }

    private static async Task<Entity> EventuallyAsync(Func<Entity> read, Func<Entity, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = read();
            if (done(row) || DateTime.UtcNow > deadline)
            {
                return row;
            }

            await Task.Delay(200);
        }
    }

    private WorkerUnderTest Worker(IReadOnlyDictionary<string, string?>? more = null) => WorkerUnderTest.Create(WorkerConfiguration.For(local.Server.BaseUri, new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
    {
        ["Bureau:BaseAddress"] = bureau.ApiBaseAddress.AbsoluteUri,
        ["Bureau:BureauName"] = "Local bureau",
        ["Bureau:UserName"] = bureau.Options.UserName,
        ["Bureau:Password"] = bureau.Options.Password,
        ["Bureau:PortalCompanyUrlTemplate"] = bureau.PortalCompanyUrlTemplate,
        ["Bureau:RetryBaseDelay"] = "00:00:00.020",
        ["Bureau:MaxRetryDelay"] = "00:00:01",
        ["Bureau:MaxRetryAttempts"] = "1",
    }));

    /// <summary>A new customer and its application, entered and submitted (as SYSTEM here: the pipeline tests cover the people).</summary>
    private Guid SubmittedApplication(string name, string registrationNumber, string country = "DE")
    {
        var account = local.Service.Create(new Entity("account") { ["name"] = name, ["transactioncurrencyid"] = new EntityReference("transactioncurrency", local.Euro) });
        var application = local.Service.Create(new Entity(AppTable.EntityLogicalName)
        {
            [AppTable.Fields.Name] = name,
            [AppTable.Fields.AccountId] = new EntityReference("account", account),
            [AppTable.Fields.RegistrationNumber] = registrationNumber,
            [AppTable.Fields.Country] = country,
            [AppTable.Fields.RequestedLimit] = new Money(60_000m),
            [AppTable.Fields.RequestedTermsDays] = 30,
            [AppTable.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", local.Euro),
            [AppTable.Fields.AnnualRevenue] = new Money(4_000_000m),
            [AppTable.Fields.Equity] = new Money(900_000m),
            [AppTable.Fields.CurrentRatio] = 1.7m,
            [AppTable.Fields.YearsTrading] = 15,
        });
        local.Service.Execute(new OrganizationRequest("cos_SubmitCreditApplication") { ["Target"] = new EntityReference(AppTable.EntityLogicalName, application) });
        return application;
    }

    private Entity Application(Guid id) => local.Service.Retrieve(AppTable.EntityLogicalName, id, new ColumnSet(true));

    private static int StatusOf(Entity application) => application.GetAttributeValue<OptionSetValue>(AppTable.Fields.StatusCode).Value;
}
