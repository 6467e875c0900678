extern alias plugins;

using System.Globalization;
using CreditOS.Bureau;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.Dataverse.Model;
using CreditOS.LocalBureau;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using AssessApi = plugins::CreditOS.Dataverse.Applications.AssessCreditApplicationApi;
using SubmitApi = plugins::CreditOS.Dataverse.Applications.SubmitCreditApplicationApi;

namespace CreditOS.Cli.Demo.Story;

/// <summary>
/// A new customer applies for credit: the sales rep enters the customer and its credit application and submits it; the
/// integration worker's user finds the company at the (local) bureau with the production bureau client, stores the
/// report and hands it to cos_AssessCreditApplication, which assesses it and sends the initial limit to Finance; the
/// Finance approver approves it through cos_DecideCreditApproval; the customer's first order passes on that limit.
/// The worker's own step (CreditApplicationBureauStep) does the same over the Web API; here the demo's embedded
/// Dataverse has no HTTP endpoint, so the bureau's answer is written through the organization service.
/// </summary>
internal static class CreditApplicationStep
{
    private const string CompanyName = "Lakeside Instruments Ltd";
    private const string ConnectId = "GB-X-09100001";
    private const string RegistrationNumber = "09100001";
    private const string BureauName = "Local bureau";
    private const decimal RequestedLimit = 40_000m;
    private const decimal BureauRecommendedCredit = 30_000m;
    private const decimal FirstOrderAmount = 12_000m;
    private const string TargetParameter = "Target";
    private const string IntegrationUserName = "creditOS integration worker";
    private const string IntegrationRoleName = "creditOS Integration";

    public static void Play(StoryContext story) => PlayAsync(story).GetAwaiter().GetResult();

    private static async System.Threading.Tasks.Task PlayAsync(StoryContext story)
    {
        var currency = story.Reference.CurrencyCode;
        var dataverse = story.Run.Dataverse;
        var worker = dataverse.CreateUser(IntegrationUserName);
        dataverse.AssignRole(worker, dataverse.SolutionRoleId(IntegrationRoleName));
        var integration = dataverse.GetOrganizationService(worker);

        await using var bureau = await LocalBureauServer.StartAsync(new LocalBureauOptions { Port = 0 }, story.Run.Clock).ConfigureAwait(false);
        bureau.State.AddCompany(new LocalCompany
        {
            ConnectId = ConnectId, Name = CompanyName, Country = "GB", RegistrationNumber = RegistrationNumber, VatNumber = "GB910000001",
            Address = "3 Lakeside Way, Bristol BS2 0JA", Rating = "B", Score = 74, RecommendedCredit = BureauRecommendedCredit, Currency = currency, DaysBeyondTerms = 5,
        });
        await using var services = BureauClient(bureau);
        var client = services.GetRequiredService<IBureauClient>();

        // The sales rep enters the new customer and its application, and submits it.
        var accountId = story.SalesRep.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = CompanyName,
            [Account.Fields.CustomerGroup] = new OptionSetValue((int)CustomerGroup.SmallBusiness),
            [Account.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, story.Reference.CurrencyId),
        });
        var applicationId = story.SalesRep.Create(new Entity(CreditApplication.EntityLogicalName)
        {
            [CreditApplication.Fields.Name] = CompanyName,
            [CreditApplication.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, accountId),
            [CreditApplication.Fields.RegistrationNumber] = RegistrationNumber,
            [CreditApplication.Fields.VatNumber] = "GB910000001",
            [CreditApplication.Fields.Street] = "3 Lakeside Way",
            [CreditApplication.Fields.PostalCode] = "BS2 0JA",
            [CreditApplication.Fields.City] = "Bristol",
            [CreditApplication.Fields.Country] = "GB",
            [CreditApplication.Fields.RequestedLimit] = new Money(RequestedLimit),
            [CreditApplication.Fields.RequestedTermsDays] = 30,
            [CreditApplication.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, story.Reference.CurrencyId),
            [CreditApplication.Fields.AnnualRevenue] = new Money(2_600_000m),
            [CreditApplication.Fields.Equity] = new Money(520_000m),
            [CreditApplication.Fields.CurrentRatio] = 1.7m,
            [CreditApplication.Fields.YearsTrading] = 11,
            [CreditApplication.Fields.TradeReference1Name] = "Harbour Metals",
            [CreditApplication.Fields.TradeReference1Rating] = new OptionSetValue((int)TradeReferenceRatingChoice.Good),
            [CreditApplication.Fields.TradeReference2Name] = "Westway Plastics",
            [CreditApplication.Fields.TradeReference2Rating] = new OptionSetValue((int)TradeReferenceRatingChoice.Good),
            [CreditApplication.Fields.BankReferenceName] = "Severn Bank",
            [CreditApplication.Fields.BankReferenceRating] = new OptionSetValue((int)BankReferenceRatingChoice.Strong),
        });
        story.SalesRep.Execute(new OrganizationRequest(SubmitApi.UniqueName) { [TargetParameter] = Reference(applicationId) });
        story.Output.Line("E2. " + story.Reference.People.SalesRepName + " enters the new customer " + CompanyName + " and its credit application (requested "
            + Figures.Money(currency, RequestedLimit) + " on net 30, revenue " + Figures.Money(currency, 2_600_000m) + ", equity " + Figures.Money(currency, 520_000m)
            + ", two good trade references, a strong bank reference) and submits it (" + SubmitApi.UniqueName + ").");

        // The worker consults the bureau and hands the report over.
        var company = await client.FindCompanyAsync(new CompanySearchCriteria("GB", RegistrationNumber)).ConfigureAwait(false);
        var report = await client.GetCreditReportAsync(company.ConnectId).ConfigureAwait(false);
        var reportId = integration.Create(new Entity(BureauReport.EntityLogicalName)
        {
            [BureauReport.Fields.Name] = report.CompanyName,
            [BureauReport.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, accountId),
            [BureauReport.Fields.Bureau] = BureauName,
            [BureauReport.Fields.ExternalId] = report.ConnectId + "-" + report.ReportDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            [BureauReport.Fields.SolvencyScore] = report.SolvencyScore,
            [BureauReport.Fields.Rating] = new OptionSetValue((int)Enum.Parse<BureauReportRating>(report.InternationalRating)),
            [BureauReport.Fields.RecommendedCredit] = new Money(report.RecommendedCredit),
            [BureauReport.Fields.DbtScore] = report.DaysBeyondTerms ?? 0,
            [BureauReport.Fields.HasJudgment] = report.HasJudgment,
            [BureauReport.Fields.HasLien] = report.HasPrivilege,
            [BureauReport.Fields.ReportDate] = report.ReportDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        });
        integration.Execute(new OrganizationRequest(AssessApi.UniqueName)
        {
            [TargetParameter] = Reference(applicationId),
            [AssessApi.Request.BureauReportId] = reportId,
            [AssessApi.Request.BureauCompanyId] = company.ConnectId,
        });
        var assessed = Read(story, applicationId);
        var requestId = assessed.GetAttributeValue<EntityReference>(CreditApplication.Fields.ApprovalRequestId)?.Id;
        story.Output.Line("    The worker finds it at the bureau (" + company.ConnectId + ": rating " + report.InternationalRating + ", solvency " + report.SolvencyScore
            + ", recommended credit " + Figures.Money(currency, report.RecommendedCredit) + "), stores the report and hands it to " + AssessApi.UniqueName + ": creditworthiness "
            + assessed.GetAttributeValue<decimal>(CreditApplication.Fields.Creditworthiness).ToString("0.#", CultureInfo.InvariantCulture) + " of 100, recommended "
            + Figures.Money(currency, assessed.GetAttributeValue<Money>(CreditApplication.Fields.RecommendedLimit)?.Value ?? 0m) + " on net "
            + assessed.GetAttributeValue<int>(CreditApplication.Fields.RecommendedTermsDays) + "; the initial-limit request is in Finance's queue.");
        var beforeApproval = StoryOrders.Enter(story, AccountSnapshot.Read(story.System, accountId), 1_000m, "Story: order before the limit is approved");
        story.Output.Line("    An order of " + Figures.Money(currency, 1_000m) + " before Finance decides: " + StoryText.Status(beforeApproval) + ".");

        // Finance approves the recommendation; the first order passes on the limit.
        string? approval = null;
        if (requestId is { } request)
        {
            story.FinanceApprover.Execute(new OrganizationRequest("cos_DecideCreditApproval")
            {
                [TargetParameter] = new EntityReference(CreditApprovalRequest.EntityLogicalName, request),
                ["Decision"] = "Approve",
                ["Comment"] = "Bureau, references and figures verified; initial limit as recommended.",
            });
            approval = Read(story, applicationId).GetAttributeValue<string>(CreditApplication.Fields.StatusMessage);
        }

        var account = AccountSnapshot.Read(story.System, accountId);
        story.Output.Line("    " + story.Reference.People.FinanceApproverName + " approves it (cos_DecideCreditApproval): " + approval);
        var firstOrder = StoryOrders.Enter(story, account, FirstOrderAmount, "Story: first order on the initial limit");
        story.Output.Line("    The first order of " + Figures.Money(currency, FirstOrderAmount) + " on the limit of " + Figures.Money(currency, account.Limit) + ": "
            + StoryText.Status(firstOrder) + ".");
        var final = Read(story, applicationId);
        story.Run.Story.Add(new CreditApplicationOutcome(
            accountId,
            applicationId,
            ((CreditApplicationStatus)final.GetAttributeValue<OptionSetValue>(CreditApplication.Fields.StatusCode).Value).ToString(),
            final.GetAttributeValue<Money>(CreditApplication.Fields.RecommendedLimit)?.Value ?? 0m,
            final.GetAttributeValue<Money>(CreditApplication.Fields.ApprovedLimit)?.Value,
            beforeApproval,
            firstOrder));
    }

    private static ServiceProvider BureauClient(LocalBureauServer bureau)
    {
        var services = new ServiceCollection();
        services.AddCreditOsBureauClient(options =>
        {
            options.BaseAddress = bureau.ApiBaseAddress;
            options.BureauName = BureauName;
            options.UserName = bureau.Options.UserName;
            options.Password = bureau.Options.Password;
            options.PortalCompanyUrlTemplate = bureau.PortalCompanyUrlTemplate;
        });
        return services.BuildServiceProvider();
    }

    private static Entity Read(StoryContext story, Guid applicationId) =>
        story.System.Retrieve(CreditApplication.EntityLogicalName, applicationId, new ColumnSet(true));

    private static EntityReference Reference(Guid applicationId) => new(CreditApplication.EntityLogicalName, applicationId);
}
