using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.CreditApplication.Fields;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// What may happen to a credit application, enforced before the save whoever saves it:
/// <list type="bullet">
/// <item>Its status moves only through the credit flow (<see cref="CreditFlowIdentity"/>: the Custom APIs that submit,
/// assess and decide it) and only along <see cref="CreditApplicationStatuses"/>; a person setting it is refused whatever
/// their roles.</item>
/// <item>The assessment's columns (bureau, creditworthiness, recommendation, reasons, approval request, Finance's limit,
/// status message, who submitted) are the credit flow's.</item>
/// <item>What the application says (company, figures, references) changes only while it is a draft or the bureau lookup
/// or the assessment asked for more information: what was submitted is what is assessed. Once Finance has its initial-limit
/// request (a question of Finance's included) it does not change at all (controls round 20): it is never assessed again.</item>
/// </list>
/// </summary>
public static class CreditApplicationGuard
{
    public static readonly IReadOnlyList<string> CreditFlowColumns =
    [
        Fields.StatusCode, Fields.StateCode, Fields.SubmittedBy, Fields.SubmittedOn, Fields.StatusMessage, Fields.BureauAttempts, Fields.NextBureauAttemptOn,
        Fields.BureauReportId, Fields.BureauCompanyId, Fields.Creditworthiness, Fields.Recommendation, Fields.RecommendedLimit, Fields.RecommendedTermsDays,
        Fields.AssessmentReasons, Fields.ApprovalRequestId, Fields.ApprovedLimit, Fields.LimitReviewOn, Fields.DecidedOn,
    ];

    public static readonly IReadOnlyList<string> ApplicantColumns =
    [
        Fields.Name, Fields.AccountId, Fields.RegistrationNumber, Fields.VatNumber, Fields.Street, Fields.PostalCode, Fields.City, Fields.Country,
        Fields.RequestedLimit, Fields.RequestedTermsDays, Fields.TransactionCurrencyId, Fields.AnnualRevenue, Fields.Equity, Fields.CurrentRatio,
        Fields.YearsTrading, Fields.TradeReference1Name, Fields.TradeReference1Rating, Fields.TradeReference2Name, Fields.TradeReference2Rating,
        Fields.TradeReference3Name, Fields.TradeReference3Rating, Fields.BankReferenceName, Fields.BankReferenceRating,
    ];

    /// <summary>The pre-image the update step registers: every column the guard compares.</summary>
    public const string ImageColumns =
        Fields.Name + "," + Fields.AccountId + "," + Fields.RegistrationNumber + "," + Fields.VatNumber + ","
        + Fields.Street + "," + Fields.PostalCode + "," + Fields.City + "," + Fields.Country + ","
        + Fields.RequestedLimit + "," + Fields.RequestedTermsDays + "," + Fields.TransactionCurrencyId + "," + Fields.AnnualRevenue + ","
        + Fields.Equity + "," + Fields.CurrentRatio + "," + Fields.YearsTrading + "," + Fields.TradeReference1Name + ","
        + Fields.TradeReference1Rating + "," + Fields.TradeReference2Name + "," + Fields.TradeReference2Rating + "," + Fields.TradeReference3Name + ","
        + Fields.TradeReference3Rating + "," + Fields.BankReferenceName + "," + Fields.BankReferenceRating + "," + Fields.StatusCode + ","
        + Fields.StateCode + "," + Fields.SubmittedBy + "," + Fields.SubmittedOn + "," + Fields.StatusMessage + ","
        + Fields.BureauAttempts + "," + Fields.NextBureauAttemptOn + "," + Fields.BureauReportId + "," + Fields.BureauCompanyId + ","
        + Fields.Creditworthiness + "," + Fields.Recommendation + "," + Fields.RecommendedLimit + "," + Fields.RecommendedTermsDays + ","
        + Fields.AssessmentReasons + "," + Fields.ApprovalRequestId + "," + Fields.ApprovedLimit + "," + Fields.LimitReviewOn + ","
        + Fields.DecidedOn;

    public static void GuardCreate(Entity target, Func<bool> isCreditFlow)
    {
        var name = target.GetAttributeValue<string>(Fields.Name) ?? "new credit application";
        var status = target.GetAttributeValue<OptionSetValue>(Fields.StatusCode)?.Value;
        if (status is not null and not (int)CreditApplicationStatus.Draft)
        {
            throw new InvalidPluginExecutionException(
                $"Credit application '{name}' starts as a draft; it is submitted with the Submit for credit assessment command ({SubmitCreditApplicationApi.UniqueName}).");
        }

        var given = CreditFlowColumns.Where(c => c != Fields.StatusCode && HasValue(target, c)).ToList();
        if (given.Count > 0 && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                $"Credit application '{name}': {string.Join(", ", given)} {(given.Count == 1 ? "is" : "are")} written by the credit flow (the bureau lookup, the assessment and Finance's decision), not entered.");
        }
    }

    public static void GuardUpdate(Entity target, Entity before, Func<bool> isCreditFlow)
    {
        var name = before.GetAttributeValue<string>(Fields.Name) ?? before.Id.ToString();
        var current = CreditApplicationStatuses.Of(before.GetAttributeValue<OptionSetValue>(Fields.StatusCode)?.Value);
        DropUnchanged(target, before, Fields.StatusCode);
        DropUnchanged(target, before, Fields.StateCode);

        var creditFlowChanged = Changed(target, before, CreditFlowColumns);
        var isFlow = new Lazy<bool>(isCreditFlow);
        if (creditFlowChanged.Count > 0 && !isFlow.Value)
        {
            throw new InvalidPluginExecutionException(
                $"Credit application '{name}' is {CreditApplicationStatuses.Label(current)}: {string.Join(", ", creditFlowChanged)} change only through the credit flow. "
                + $"Submit it with the Submit for credit assessment command ({SubmitCreditApplicationApi.UniqueName}); the bureau lookup and the assessment move it on, and Finance decides the initial limit.");
        }

        if (target.GetAttributeValue<OptionSetValue>(Fields.StatusCode) is { } nextValue)
        {
            var next = CreditApplicationStatuses.Of(nextValue.Value);
            if (!CreditApplicationStatuses.MayMove(current, next))
            {
                throw new InvalidPluginExecutionException(
                    $"Credit application '{name}' cannot go from {CreditApplicationStatuses.Label(current)} to {CreditApplicationStatuses.Label(next)}.");
            }

            target[Fields.StateCode] = new OptionSetValue((int)CreditApplicationStatuses.StateOf(next));
        }

        var applicantChanged = Changed(target, before, ApplicantColumns);
        var withFinance = before.GetAttributeValue<EntityReference>(Fields.ApprovalRequestId) is not null;
        if (applicantChanged.Count > 0 && !CreditApplicationStatuses.IsEditable(current, withFinance) && !isFlow.Value)
        {
            if (CreditApplicationStatuses.IsEditable(current, withFinance: false))
            {
                // Controls round 20: Finance's question is open on the initial-limit request; the assessment does not run again.
                throw new InvalidPluginExecutionException(
                    $"Credit application '{name}' is {CreditApplicationStatuses.Label(current)} with Finance, who has its initial-limit request, so what it says cannot change "
                    + $"({string.Join("; ", applicantChanged.Select(c => c + " " + Shown(before, c) + " → " + Shown(target, c)))}): the bureau looked up and the assessment compared "
                    + "what was submitted, and Finance decides on that. Answer Finance's question on the request (Answer Finance) and give the correction there.");
            }

            throw new InvalidPluginExecutionException(
                $"Credit application '{name}' is {CreditApplicationStatuses.Label(current)}, so {string.Join(", ", applicantChanged)} can no longer change: what was submitted is what is assessed. It can be changed again if the bureau lookup or the assessment asks for more information.");
        }
    }

    /// <summary>A column's value as a refusal states it.</summary>
    private static string Shown(Entity row, string column) => (row.Contains(column) ? row[column] : null) switch
    {
        null => "(none)",
        Money money => money.Value.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture),
        EntityReference reference => reference.Name ?? reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var value => "'" + value + "'",
    };

    private static void DropUnchanged(Entity target, Entity before, string column)
    {
        if (target.Contains(column) && CreditColumnGuard.SameValue(target[column], before.Contains(column) ? before[column] : null))
        {
            target.Attributes.Remove(column);
        }
    }

    private static List<string> Changed(Entity target, Entity before, IReadOnlyList<string> columns) =>
        columns.Where(column => target.Contains(column) && (!before.Contains(column) || !CreditColumnGuard.SameValue(target[column], before[column]))).ToList();

    private static bool HasValue(Entity target, string column) => target.Contains(column) && target[column] is not null;
}
