using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.CreditScoreHistory.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Writes approval decisions and limit changes into the account's credit history (cos_creditscorehistory).</summary>
public static class CreditHistoryRecorder
{
    private const string TriggerDetail = "Credit approval";

    public static Guid Record(
        IOrganizationService service,
        EntityReference account,
        CreditScoreHistoryEntryType entryType,
        string title,
        DateTime on,
        EntityReference? request,
        EntityReference? decidedBy,
        string? comment,
        decimal? previousLimit,
        decimal? newLimit)
    {
        var entry = new Entity(CreditScoreHistory.EntityLogicalName)
        {
            [Fields.Name] = title,
            [Fields.AccountId] = account,
            [Fields.EntryType] = new OptionSetValue((int)entryType),
            [Fields.Trigger] = new OptionSetValue((int)ScoreTrigger.Event),
            [Fields.TriggerDetail] = TriggerDetail,
            [Fields.ScoredOn] = on,
            [Fields.Comment] = comment,
        };
        if (request is not null)
        {
            entry[Fields.CreditApprovalRequestId] = request;
        }

        if (decidedBy is not null)
        {
            entry[Fields.DecidedBy] = decidedBy;
        }

        if (previousLimit is { } previous)
        {
            entry[Fields.PreviousCreditLimit] = new Money(previous);
        }

        if (newLimit is { } limit)
        {
            entry[Fields.CreditLimit] = new Money(limit);
        }

        return service.Create(entry);
    }
}
