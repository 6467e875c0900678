using System.ServiceModel;
using CreditOS.Bureau;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Model;
using Task = System.Threading.Tasks.Task;
using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Bureau;
using CreditOS.LocalBureau;
using CreditOS.LocalDataverse.WebApi.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// G. A monitored customer's rating drops overnight at the bureau: the sales rep queues the customer for monitoring
/// (cos_QueueBureauMonitoring), the worker's daily job (the production bureau client against the local bureau over
/// HTTP, writing through the local Dataverse's Web API as the worker's application user) enrols it, the bureau lowers
/// its rating to E and cuts the recommended credit, the next run pulls the events, the report's plug-in records the
/// change history and suspends the account, and the rep's next order is refused with the reason.
/// </summary>
internal static class BureauMonitoringStep
{
    private const decimal NextOrderAmount = 1_500m;
    private const string ConnectId = "DE-X-HRBDEMO01";
    private const string RegistrationNumber = "HRBDEMO01";

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        var account = accounts
            .Where(a => !used.Contains(a.AccountId) && a.TierCode == DefaultCreditConfiguration.Standard && !a.IsSuspended && a.Available > NextOrderAmount)
            .OrderBy(a => a.Limit)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (account is null)
        {
            story.Skip("a monitored customer's rating drops overnight at the bureau", "no Standard customer in good standing is left in this portfolio");
            return;
        }

        used.Add(account.AccountId);
        PlayAsync(story, account).GetAwaiter().GetResult();
    }

    private static async Task PlayAsync(StoryContext story, AccountSnapshot account)
    {
        var output = story.Output;
        var clock = story.Run.Clock;
        var currency = story.Reference.CurrencyCode;
        await using var bureau = await LocalBureauServer.StartAsync(new LocalBureauOptions { Port = 0 }, clock).ConfigureAwait(false);
        bureau.State.AddCompany(new LocalCompany
        {
            ConnectId = ConnectId,
            Name = account.Name,
            Country = "DE",
            RegistrationNumber = RegistrationNumber,
            Rating = "B",
            Score = 66,
            RecommendedCredit = Math.Round(account.Limit * 1.2m, 0),
            Currency = currency,
            DaysBeyondTerms = 4,
        });
        story.System.Update(new Entity(Account.EntityLogicalName, account.AccountId)
        {
            [Account.Fields.CountryCode] = "DE",
            [Account.Fields.RegistrationNumber] = RegistrationNumber,
        });

        output.Line("D2. " + StoryOrders.Describe(account, currency) + " is put under bureau monitoring by the sales rep (\"Monitor with bureau\").");
        var queued = story.SalesRep.Execute(new OrganizationRequest("cos_QueueBureauMonitoring") { ["AccountIds"] = new[] { account.AccountId.ToString() } });
        output.Line("   Queued: " + queued["Queued"] + "; the local bureau (" + bureau.ApiBaseAddress + ") serves the Creditsafe-shaped API.");

        var webApi = await story.Integration.WebApiAsync().ConfigureAwait(false);
        await using var worker = Worker(webApi, bureau, clock);
        var enrol = await RunJobAsync(worker).ConfigureAwait(false);
        var enrolled = story.System.Retrieve(Account.EntityLogicalName, account.AccountId, new Microsoft.Xrm.Sdk.Query.ColumnSet(Account.Fields.BureauConnectId, Account.Fields.BureauPortalLink));
        output.Line("   Tonight's monitoring run: " + enrol + ". Bureau id " + enrolled.GetAttributeValue<string>(Account.Fields.BureauConnectId)
            + ", portal " + enrolled.GetAttributeValue<string>(Account.Fields.BureauPortalLink) + ".");

        clock.Advance(TimeSpan.FromMinutes(5));
        bureau.State.ChangeRating(ConnectId, "E");
        bureau.State.ChangeRecommendedCredit(ConnectId, Math.Round(account.Limit * 0.2m, 0));
        clock.Advance(TimeSpan.FromMinutes(5));
        output.Line("   Overnight the bureau lowers the rating from B to E and cuts the recommended credit to " + Figures.Money(currency, Math.Round(account.Limit * 0.2m, 0)) + ".");
        var pull = await RunJobAsync(worker).ConfigureAwait(false);
        var after = AccountSnapshot.Read(story.System, account.AccountId);
        output.Line("   The next run: " + pull + ". The account is " + (after.IsSuspended ? "SUSPENDED: " + after.SuspensionReason : "not suspended") + ".");
        var changes = story.System.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(BureauChange.EntityLogicalName)
        {
            ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(BureauChange.Fields.Name),
            Criteria = { Conditions = { new Microsoft.Xrm.Sdk.Query.ConditionExpression(BureauChange.Fields.AccountId, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, account.AccountId) } },
        }).Entities.Select(change => change.GetAttributeValue<string>(BureauChange.Fields.Name)).Order(StringComparer.Ordinal).ToList();
        output.Line("   Change history on the account: " + string.Join("; ", changes) + ".");

        OrderEntry? next = null;
        string? refusal = null;
        try
        {
            next = StoryOrders.Enter(story, after, NextOrderAmount, "Story: order after the bureau's overnight downgrade");
            output.Line("   The sales rep's next order of " + Figures.Money(currency, NextOrderAmount) + ": " + StoryText.Status(next) + ".");
        }
        catch (FaultException<OrganizationServiceFault> refused)
        {
            refusal = refused.Detail.Message;
            output.Line("   The sales rep's next order was refused: " + refusal);
        }

        story.Run.Story.Add(new BureauMonitoringOutcome(account.AccountId, after.IsSuspended, after.SuspensionReason, changes, next));
    }

    private static ServiceProvider Worker(LocalDataverseWebApiServer webApi, LocalBureauServer bureau, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Broker:Transport"] = "AmqpNetLite",
            ["Broker:Host"] = "127.0.0.1",
            ["Broker:UserName"] = "unused",
            ["Broker:Password"] = "unused",
            ["Dataverse:EnvironmentUrl"] = webApi.BaseUri.AbsoluteUri,
            ["Dataverse:Authentication"] = "LocalToken",
            ["Dataverse:LocalAccessToken"] = Environment.DemoWebApi.WorkerToken,
            ["Bureau:BaseAddress"] = bureau.ApiBaseAddress.AbsoluteUri,
            ["Bureau:UserName"] = bureau.Options.UserName,
            ["Bureau:Password"] = bureau.Options.Password,
            ["Bureau:PortalCompanyUrlTemplate"] = bureau.PortalCompanyUrlTemplate,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(clock);
        services.AddCreditOsWorkerCore(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<BureauMonitoringResult> RunJobAsync(ServiceProvider worker)
    {
        await using var scope = worker.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BureauMonitoringJob>().RunAsync(CancellationToken.None).ConfigureAwait(false);
    }
}

internal sealed record BureauMonitoringOutcome(Guid AccountId, bool Suspended, string? SuspensionReason, IReadOnlyList<string> Changes, OrderEntry? NextOrder)
    : StoryOutcome("A monitored customer's rating drops overnight at the bureau")
{
    public override IReadOnlyList<Guid> AccountIds => [AccountId];
}
