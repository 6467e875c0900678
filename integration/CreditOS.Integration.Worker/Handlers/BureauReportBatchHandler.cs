using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.BureauReport;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>Bureau reports → cos_bureaureport, upserted by the bureau's report id.</summary>
public sealed class BureauReportBatchHandler(AdapterSet<BureauReport> adapters, IAccountDirectory accounts, DataverseWebApiClient dataverse)
    : RecordBatchHandler<BureauReport>(adapters, accounts, dataverse)
{
    protected override string CustomerNumber(BureauReport record) => record.CustomerNumber;

    protected override Rejection? Validate(BureauReport record, AccountReference account)
    {
        if (!Schema.RatingOptions.ContainsKey(record.Rating))
        {
            return new Rejection(RejectionReasons.MalformedPayload, $"Report {record.ExternalId}: rating '{record.Rating}' is not one of {string.Join(", ", Schema.RatingOptions.Keys)}; ask {record.Bureau} for a corrected report.");
        }

        return record.RecommendedCredit < 0
            ? new Rejection(RejectionReasons.NonPositiveAmount, $"Report {record.ExternalId}: the recommended credit {record.RecommendedCredit} is negative; ask {record.Bureau} for a corrected report.")
            : null;
    }

    protected override BatchOperation ToOperation(BureauReport record, AccountReference account)
    {
        var body = new JsonObject
        {
            [Schema.Bureau] = record.Bureau,
            [Schema.SolvencyScore] = record.SolvencyScore,
            [Schema.Rating] = Schema.RatingOptions[record.Rating],
            [Schema.RecommendedCredit] = record.RecommendedCredit,
            [Schema.DaysBeyondTerms] = record.DaysBeyondTerms,
            [Schema.HasJudgment] = record.HasJudgment,
            [Schema.HasLien] = record.HasLien,
            [Schema.ReportDate] = ODataKey.Date(record.ReportDate),
        };
        Lookup(body, Schema.Account, DataverseSchema.Account.EntitySet, account.AccountId);
        return BatchOperation.Upsert(ODataKey.For(Schema.EntitySet, (Schema.ExternalId, $"{record.Bureau}:{record.ExternalId}")), body);
    }
}
