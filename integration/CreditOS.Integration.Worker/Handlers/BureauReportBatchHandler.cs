using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.BureauReport;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>Bureau reports → cos_bureaureport, upserted by the composite key (bureau, the bureau's report id).</summary>
public sealed class BureauReportBatchHandler(AdapterSet<BureauReport> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse)
    : RecordBatchHandler<BureauReport>(adapters, accounts, dataverse)
{
    // The ranges the solution declares for cos_solvencyscore and cos_dbtscore.
    private const int MinSolvencyScore = 0;
    private const int MaxSolvencyScore = 100;
    private const int MaxDaysBeyondTerms = 120;

    protected override string CustomerNumber(BureauReport record) => record.CustomerNumber;

    protected override Rejection? KeyRejection(BureauReport record) =>
        RecordRules.AddressableKey("bureau name", record.Bureau, "the bureau feed")
        ?? RecordRules.AddressableKey("report id", record.ExternalId, record.Bureau);

    protected override Rejection? Validate(BureauReport record, AccountReference account)
    {
        if (!Schema.RatingOptions.ContainsKey(record.Rating))
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Report {record.ExternalId}: rating '{record.Rating}' is not one of {string.Join(", ", Schema.RatingOptions.Keys)}; ask {record.Bureau} for a corrected report.");
        }

        if (record.SolvencyScore is < MinSolvencyScore or > MaxSolvencyScore || record.DaysBeyondTerms is < 0 or > MaxDaysBeyondTerms)
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Report {record.ExternalId}: solvency score {record.SolvencyScore} must lie in {MinSolvencyScore}–{MaxSolvencyScore} and days beyond terms {record.DaysBeyondTerms} in 0–{MaxDaysBeyondTerms}; check the bureau's scale.");
        }

        return record.RecommendedCredit < 0
            ? new Rejection(RejectionReasons.NonPositiveAmount, $"Report {record.ExternalId}: the recommended credit {record.RecommendedCredit} is negative; ask {record.Bureau} for a corrected report.")
            : null;
    }

    protected override BatchOperation ToOperation(BureauReport record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.SolvencyScore] = record.SolvencyScore,
            [Schema.Rating] = Schema.RatingOptions[record.Rating],
            [Schema.RecommendedCredit] = record.RecommendedCredit,
            [Schema.DaysBeyondTerms] = record.DaysBeyondTerms,
            [Schema.HasJudgment] = record.HasJudgment,
            [Schema.HasLien] = record.HasLien,
            [Schema.ReportDate] = ODataKey.Date(record.ReportDate),
        };
        Lookup(body, Schema.AccountNavigation, DataverseSchema.Account.EntitySet, account.AccountId);
        if (account.CurrencyId is { } currency)
        {
            // The feed states the recommended credit in the customer's currency (its contract has no currency of its
            // own): the row says so, as the bureau client's reports do once converted (RecommendedCreditConversion).
            Lookup(body, Schema.CurrencyNavigation, DataverseSchema.Currency.EntitySet, currency);
        }

        return BatchOperation.Upsert(ODataKey.For(Schema.EntitySet, (Schema.Bureau, ODataKey.Text(record.Bureau)), (Schema.ExternalId, ODataKey.Text(record.ExternalId))), body);
    }
}
