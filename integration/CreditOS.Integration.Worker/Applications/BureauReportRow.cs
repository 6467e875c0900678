using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Bureau;
using CreditOS.Integration.Worker.Dataverse;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.BureauReport;

namespace CreditOS.Integration.Worker.Applications;

/// <summary>
/// A bureau credit report as a cos_bureaureport upsert: keyed by the bureau's name and the report's id (the company's
/// connect id and the report date), so a lookup retried after a lost answer writes the same row again.
/// </summary>
public static class BureauReportRow
{
    public const string IdColumn = "cos_bureaureportid";

    /// <summary>The report's id at the bureau: connect id and date; the characters Dataverse keys cannot hold are replaced.</summary>
    public static string ReportId(BureauCreditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var id = report.ConnectId + "-" + report.ReportDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new string(id.Select(c => ODataKey.ReservedCharacters.Contains(c) ? '-' : c).ToArray());
    }

    /// <param name="accountId">
    /// The account the report is filed on; null files it on no account (controls round 17: the bureau's registered name does
    /// not confirm the applicant, engine <c>BureauIdentity.Confirms</c>, so the report may be another company's and must not
    /// feed the account's Risk score; the application's assessment hands it to Finance flagged).
    /// </param>
    /// <param name="recommendedCredit">The report's recommended credit in the account's currency (<see cref="Bureau.RecommendedCreditConversion"/>).</param>
    public static BatchOperation Upsert(string bureau, BureauCreditReport report, Guid? accountId, Bureau.AccountCurrencyAmount recommendedCredit)
    {
        ArgumentNullException.ThrowIfNull(recommendedCredit);
        ArgumentNullException.ThrowIfNull(report);
        if (!Schema.RatingOptions.TryGetValue(report.InternationalRating, out var rating))
        {
            throw new BureauException(BureauFailure.MalformedResponse, $"The bureau's report on {report.ConnectId} carries rating '{report.InternationalRating}', not one of A to E.");
        }

        var body = new JsonObject
        {
            ["cos_name"] = report.CompanyName,
            [Schema.SolvencyScore] = report.SolvencyScore,
            [Schema.Rating] = rating,
            [Schema.RecommendedCredit] = recommendedCredit.Amount,
            [DataverseSchema.BindProperty(Schema.CurrencyNavigation)] = DataverseSchema.Bind(DataverseSchema.Currency.EntitySet, recommendedCredit.CurrencyId),
            [Schema.DaysBeyondTerms] = Math.Min(report.DaysBeyondTerms ?? 0, 120),
            [Schema.HasJudgment] = report.HasJudgment,
            [Schema.HasLien] = report.HasPrivilege,
            [Schema.ReportDate] = ODataKey.Date(report.ReportDate),
        };
        if (accountId is { } account)
        {
            body[DataverseSchema.BindProperty(Schema.AccountNavigation)] = DataverseSchema.Bind(DataverseSchema.Account.EntitySet, account);
        }

        var url = ODataKey.For(Schema.EntitySet, (Schema.Bureau, ODataKey.Text(bureau)), (Schema.ExternalId, ODataKey.Text(ReportId(report))));
        return new BatchOperation(HttpMethod.Patch, url + "?$select=" + IdColumn, body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Prefer"] = "return=representation" });
    }
}
