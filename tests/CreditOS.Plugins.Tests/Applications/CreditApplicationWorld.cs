extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Api = plugins::CreditOS.Dataverse.Applications.AssessCreditApplicationApi;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using TradeRating = plugins::CreditOS.Dataverse.Model.TradeReferenceRatingChoice;

namespace CreditOS.Plugins.Tests.Applications;

/// <summary>
/// A new customer's credit application as the people enter it, through the local Dataverse with every plugin of both
/// assemblies and the solution's processes: Sam (sales rep) enters the customer and its application and submits it;
/// Ivy, the integration worker's application user, records the bureau lookup; Fiona (Finance) decides.
/// </summary>
internal sealed class CreditApplicationWorld : IDisposable
{
    public static readonly Guid IntegrationUser = new("a0000000-0000-4000-8000-0000000000a1");
    public static readonly Guid NewCustomer = new("c0000000-0000-4000-8000-0000000000a1");

    public CreditApplicationWorld()
    {
        World = CreditWorld.WithPluginsAndApprovals();
        World.Context.AUser("Ivy Integration").WithId(IntegrationUser).WithRole(SolutionRoles.Integration).WithProfile("creditOS Integration Readers").Create();
    }

    public CreditWorld World { get; }

    public IOrganizationService Sam => World.Context.As(FixedIds.SalesRep);

    public IOrganizationService Fiona => World.Context.As(FixedIds.FinanceApprover);

    public IOrganizationService Ivy => World.Context.As(IntegrationUser);

    /// <summary>Sam enters the new customer (no credit figures: the credit flow owns them) and its application, a draft.</summary>
    public Guid SamEntersTheApplication(decimal requestedLimit = 30_000m, decimal? revenue = 1_800_000m, decimal? equity = 400_000m)
    {
        Sam.Create(new Entity("account", NewCustomer)
        {
            ["name"] = "Northwind Traders Ltd",
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
        });
        var application = new Entity(AppTable.EntityLogicalName)
        {
            [AppTable.Fields.Name] = "Northwind Traders Ltd",
            [AppTable.Fields.AccountId] = new EntityReference("account", NewCustomer),
            [AppTable.Fields.RegistrationNumber] = "GB-04712345",
            [AppTable.Fields.VatNumber] = "GB123456789",
            [AppTable.Fields.Street] = "12 Harbour Road",
            [AppTable.Fields.PostalCode] = "BS1 4QA",
            [AppTable.Fields.City] = "Bristol",
            [AppTable.Fields.Country] = "GB",
            [AppTable.Fields.RequestedLimit] = new Money(requestedLimit),
            [AppTable.Fields.RequestedTermsDays] = 30,
            [AppTable.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", CreditTestIds.Usd),
            [AppTable.Fields.CurrentRatio] = 1.6m,
            [AppTable.Fields.YearsTrading] = 9,
            [AppTable.Fields.TradeReference1Name] = "Contoso Packaging",
            [AppTable.Fields.TradeReference1Rating] = new OptionSetValue((int)TradeRating.Good),
            [AppTable.Fields.TradeReference2Name] = "Fabrikam Freight",
            [AppTable.Fields.TradeReference2Rating] = new OptionSetValue((int)TradeRating.Slow),
            [AppTable.Fields.BankReferenceName] = "Woodgrove Bank",
            [AppTable.Fields.BankReferenceRating] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.BankReferenceRatingChoice.Satisfactory),
        };
        if (revenue is { } r)
        {
            application[AppTable.Fields.AnnualRevenue] = new Money(r);
        }

        if (equity is { } e)
        {
            application[AppTable.Fields.Equity] = new Money(e);
        }

        return Sam.Create(application);
    }

    /// <summary>
    /// The customer the duplicate-check tests protect (controls rounds 14 and 15): NORTHWIND TRADERS, onboarded from the ERP
    /// with a name and an address but no registration, VAT or bureau number, buying on a 50,000.00 limit and owing 42,000.00,
    /// 30,000.00 of it 75 days overdue; its postal code as given (typed its own way), or none on file.
    /// </summary>
    public void AnOverdueCustomerOnboardedWithoutNumbers(string? postalCode)
    {
        AccountBuilder.AnAccount().Named("NORTHWIND TRADERS").WithLimit(50_000).WithOpenReceivables(42_000).WithOverdue(30_000m, 30_000m, 75).Create(World.Service);
        if (postalCode is not null)
        {
            World.Service.Update(new Entity("account", CreditTestIds.Customer) { ["address1_postalcode"] = postalCode });
        }
    }

    /// <summary>Sam's application entered, submitted and assessed: the application and its initial-limit request with Finance.</summary>
    public (Guid Application, Guid Request) AnApplicationWithFinance()
    {
        var application = SamEntersTheApplication();
        Submit(Sam, application);
        BureauReports(application);
        return (application, RequestOf(application).Id);
    }

    public OrganizationResponse Submit(IOrganizationService caller, Guid application) =>
        caller.Execute(new OrganizationRequest("cos_SubmitCreditApplication") { ["Target"] = Reference(application) });

    /// <summary>
    /// The worker stores the bureau's report (as the queue path does) and hands it over: on the customer when the registered
    /// name confirms the applicant, on no account otherwise (controls round 17: the worker's <c>CreditApplicationBureauStep</c>
    /// decides by the engine's <c>BureauIdentity.Confirms</c>, and the report step refuses such a report on the account).
    /// </summary>
    /// <param name="registeredName">The company's name at the bureau, which the worker files as the report's name.</param>
    public OrganizationResponse BureauReports(Guid application, int solvency = 78, Rating rating = Rating.B, decimal recommendedCredit = 25_000m, bool judgment = false, string reportId = "GB-CS-0471", string companyId = "GB-CS-0471", string registeredName = "Northwind Traders Ltd") =>
        Ivy.Execute(new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = Reference(application),
            [Api.Request.BureauReportId] = FileReport(application, solvency, rating, recommendedCredit, judgment, reportId, registeredName),
            [Api.Request.BureauCompanyId] = companyId,
        });

    /// <summary>The report as the worker files it (see <see cref="BureauReports"/>), without the assessment.</summary>
    public Guid FileReport(Guid application, int solvency = 78, Rating rating = Rating.B, decimal recommendedCredit = 25_000m, bool judgment = false, string reportId = "GB-CS-0471", string registeredName = "Northwind Traders Ltd")
    {
        var applicant = Application(application);
        var accountName = World.Service.Retrieve("account", NewCustomer, new ColumnSet("name")).GetAttributeValue<string>("name");
        var confirmed = plugins::CreditOS.CreditEngine.Applications.BureauIdentity.Confirms([applicant.GetAttributeValue<string>(AppTable.Fields.Name), accountName], registeredName);
        var id = Ivy.Create(new Entity(Bureau.EntityLogicalName)
        {
            [Bureau.Fields.Name] = registeredName,
            [Bureau.Fields.AccountId] = confirmed ? new EntityReference("account", NewCustomer) : null,
            [Bureau.Fields.Bureau] = "Local bureau",
            [Bureau.Fields.ExternalId] = reportId,
            [Bureau.Fields.SolvencyScore] = solvency,
            [Bureau.Fields.Rating] = new OptionSetValue((int)rating),
            [Bureau.Fields.RecommendedCredit] = new Money(recommendedCredit),
            [Bureau.Fields.DbtScore] = 4,
            [Bureau.Fields.HasJudgment] = judgment,
            [Bureau.Fields.HasLien] = false,
            [Bureau.Fields.ReportDate] = CreditTestIds.Today,
        });
        return id;
    }

    public OrganizationResponse BureauProblem(IOrganizationService caller, Guid application, string problem, string detail, int? retryAfterSeconds = null)
    {
        var request = new OrganizationRequest(Api.UniqueName)
        {
            ["Target"] = Reference(application),
            [Api.Request.BureauProblem] = problem,
            [Api.Request.Detail] = detail,
        };
        if (retryAfterSeconds is { } seconds)
        {
            request[Api.Request.RetryAfterSeconds] = seconds;
        }

        return caller.Execute(request);
    }

    public OrganizationResponse Decide(IOrganizationService caller, Guid request, string decision, string? comment = null, decimal? approvedLimit = null)
    {
        var call = new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference("cos_creditapprovalrequest", request),
            ["Decision"] = decision,
        };
        if (comment is not null)
        {
            call["Comment"] = comment;
        }

        if (approvedLimit is { } limit)
        {
            call["ApprovedLimit"] = new Money(limit);
        }

        return caller.Execute(call);
    }

    public Entity Application(Guid id) => World.Service.Retrieve(AppTable.EntityLogicalName, id, new ColumnSet(true));

    public Entity RequestOf(Guid application) =>
        World.Service.Retrieve("cos_creditapprovalrequest", Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId).Id, new ColumnSet(true));

    public static int Status(Entity application) => application.GetAttributeValue<OptionSetValue>(AppTable.Fields.StatusCode).Value;

    public void Dispose() => World.Dispose();

    private static EntityReference Reference(Guid application) => new(AppTable.EntityLogicalName, application);
}
