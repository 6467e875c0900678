extern alias plugins;

using Microsoft.Xrm.Sdk;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>A bureau report: <c>ABureauReport().Rated(Rating.B).WithJudgment()</c>.</summary>
internal sealed class BureauReportBuilder
{
    private Guid accountId = CreditTestIds.Customer;
    private int solvency = 80;
    private Rating rating = Rating.B;
    private bool judgment;
    private int daysAgo;
    private int? judgments;
    private int? privileges;
    private string? events;
    private string? externalId;
    private decimal? recommendedCredit;

    public static BureauReportBuilder ABureauReport() => new();

    public BureauReportBuilder For(Guid value) { accountId = value; return this; }

    public BureauReportBuilder WithSolvency(int value) { solvency = value; return this; }

    public BureauReportBuilder Rated(Rating value) { rating = value; return this; }

    public BureauReportBuilder WithJudgment() { judgment = true; return this; }

    public BureauReportBuilder ReportedDaysAgo(int value) { daysAgo = value; return this; }

    public BureauReportBuilder WithJudgments(int value) { judgments = value; judgment = value > 0; return this; }

    public BureauReportBuilder RecommendingCredit(decimal value) { recommendedCredit = value; return this; }

    public BureauReportBuilder WithPrivileges(int value) { privileges = value; return this; }

    /// <summary>The bureau events the report answers (the worker's tab-separated lines) and the report's id at the bureau.</summary>
    public BureauReportBuilder AnsweringEvents(string externalReportId, params string[] lines) { externalId = externalReportId; events = string.Join("\n", lines); return this; }

    public Entity Build() => new(Bureau.EntityLogicalName)
    {
        [Bureau.Fields.Name] = "Bureau report",
        [Bureau.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, accountId),
        [Bureau.Fields.SolvencyScore] = solvency,
        [Bureau.Fields.Rating] = new OptionSetValue((int)rating),
        [Bureau.Fields.DbtScore] = 5,
        [Bureau.Fields.HasJudgment] = judgment,
        [Bureau.Fields.HasLien] = false,
        [Bureau.Fields.ReportDate] = CreditTestIds.Today.AddDays(-daysAgo),
        [Bureau.Fields.JudgmentCount] = judgments,
        [Bureau.Fields.PrivilegeCount] = privileges,
        [Bureau.Fields.Events] = events,
        [Bureau.Fields.RecommendedCredit] = recommendedCredit is { } credit ? new Money(credit) : null,
        [Bureau.Fields.Bureau] = events is null ? null : "Creditsafe",
        [Bureau.Fields.ExternalId] = externalId,
    };

    public Guid Create(IOrganizationService service) => service.Create(Build());
}
