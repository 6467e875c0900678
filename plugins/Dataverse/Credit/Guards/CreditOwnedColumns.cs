using CreditOS.Dataverse.Model;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// The columns only the credit flow writes: the account's limits, exposure and balance figures, scores, tier, policy,
/// hold and suspension flags and the limits Finance approved through the limit-request path; an order's credit status
/// and the figures and reasons behind it. The same columns are secured in the solution (field security); this list is
/// what the server-side guard refuses to people whatever their roles and profiles.
/// </summary>
public static class CreditOwnedColumns
{
    public static readonly IReadOnlyList<string> Account =
    [
        Model.Account.Fields.CreditLimit,
        Model.Account.Fields.CreditOnHold,
        Model.Account.Fields.CreditHoldSource,
        Model.Account.Fields.ValueScore,
        Model.Account.Fields.RiskScore,
        Model.Account.Fields.RiskLevel,
        Model.Account.Fields.CreditTierId,
        Model.Account.Fields.CreditPolicyId,
        Model.Account.Fields.Exposure,
        Model.Account.Fields.AvailableCredit,
        Model.Account.Fields.Utilization,
        Model.Account.Fields.OpenReceivables,
        Model.Account.Fields.OverdueAmount,
        Model.Account.Fields.OverdueBeyondGrace,
        Model.Account.Fields.OldestOverdueDays,
        Model.Account.Fields.OldestOverdueSince,
        Model.Account.Fields.CreditCheckedOn,
        Model.Account.Fields.OpenOrders,
        Model.Account.Fields.IsStarterTerms,
        Model.Account.Fields.IsSuspended,
        Model.Account.Fields.SuspensionReason,
        Model.Account.Fields.IsFraudFlagged,
        Model.Account.Fields.TopReasons,
        Model.Account.Fields.LastScoredOn,
        Model.Account.Fields.LockClaim,
        Model.Account.Fields.RuleSetVersion,
        Model.Account.Fields.ApprovedLimit,
        Model.Account.Fields.TemporaryLimit,
        Model.Account.Fields.TemporaryLimitExpiresOn,
        Model.Account.Fields.LimitReviewOn,
        Model.Account.Fields.GroupLimit,
        Model.Account.Fields.LastPostedOn,
        Model.Account.Fields.HistoryFigures,
        Model.Account.Fields.UnappliedCash,
        Model.Account.Fields.BureauRating,
        Model.Account.Fields.SuspensionLiftedOn,
        Model.Account.Fields.WaivedJudgments,
        Model.Account.Fields.WaivedPrivileges,
        Model.Account.Fields.WaivedRating,
        Model.Account.Fields.WaivedSolvency,
        Model.Account.Fields.FormerNames,
    ];

    public static readonly IReadOnlyList<string> SalesOrder =
    [
        Model.SalesOrder.Fields.CreditStatus,
        Model.SalesOrder.Fields.HoldReason,
        Model.SalesOrder.Fields.HoldReasonCode,
        Model.SalesOrder.Fields.CreditCheckedOn,
        Model.SalesOrder.Fields.CreditCheckedFor,
        Model.SalesOrder.Fields.EnteredFor,
        Model.SalesOrder.Fields.ChangedByPerson,
    ];

    /// <summary>Comma-separated, for a step's image registration: the row's name and its credit-owned columns.</summary>
    public const string AccountImageColumns = Model.Account.Fields.Name + "," + AccountColumns;

    /// <summary>Comma-separated, for a step's filtering attributes.</summary>
    public const string AccountColumns =
        Model.Account.Fields.CreditLimit + "," + Model.Account.Fields.CreditOnHold + "," + Model.Account.Fields.CreditHoldSource + "," + Model.Account.Fields.ValueScore + ","
        + Model.Account.Fields.RiskScore + "," + Model.Account.Fields.RiskLevel + "," + Model.Account.Fields.CreditTierId + "," + Model.Account.Fields.CreditPolicyId + ","
        + Model.Account.Fields.Exposure + "," + Model.Account.Fields.AvailableCredit + "," + Model.Account.Fields.Utilization + "," + Model.Account.Fields.OpenReceivables + ","
        + Model.Account.Fields.OverdueAmount + "," + Model.Account.Fields.OverdueBeyondGrace + "," + Model.Account.Fields.OldestOverdueDays + "," + Model.Account.Fields.OldestOverdueSince + ","
        + Model.Account.Fields.CreditCheckedOn + "," + Model.Account.Fields.OpenOrders + "," + Model.Account.Fields.IsStarterTerms + "," + Model.Account.Fields.IsSuspended + ","
        + Model.Account.Fields.SuspensionReason + "," + Model.Account.Fields.IsFraudFlagged + "," + Model.Account.Fields.TopReasons + "," + Model.Account.Fields.LastScoredOn + ","
        + Model.Account.Fields.LockClaim + "," + Model.Account.Fields.RuleSetVersion + "," + Model.Account.Fields.ApprovedLimit + "," + Model.Account.Fields.TemporaryLimit + ","
        + Model.Account.Fields.TemporaryLimitExpiresOn + "," + Model.Account.Fields.LimitReviewOn + "," + Model.Account.Fields.GroupLimit + ","
        + Model.Account.Fields.LastPostedOn + "," + Model.Account.Fields.HistoryFigures + "," + Model.Account.Fields.UnappliedCash + "," + Model.Account.Fields.BureauRating + ","
        + Model.Account.Fields.SuspensionLiftedOn + "," + Model.Account.Fields.WaivedJudgments + "," + Model.Account.Fields.WaivedPrivileges + ","
        + Model.Account.Fields.WaivedRating + "," + Model.Account.Fields.WaivedSolvency + "," + Model.Account.Fields.FormerNames;

    /// <summary>Comma-separated, for a step's image registration: the row's name and its credit-owned columns.</summary>
    public const string SalesOrderImageColumns = Model.SalesOrder.Fields.Name + "," + SalesOrderColumns;

    /// <summary>Comma-separated, for a step's filtering attributes.</summary>
    public const string SalesOrderColumns =
        Model.SalesOrder.Fields.CreditStatus + "," + Model.SalesOrder.Fields.HoldReason + "," + Model.SalesOrder.Fields.HoldReasonCode + "," + Model.SalesOrder.Fields.CreditCheckedOn + ","
        + Model.SalesOrder.Fields.CreditCheckedFor + "," + Model.SalesOrder.Fields.EnteredFor + "," + Model.SalesOrder.Fields.ChangedByPerson;

    public static IReadOnlyList<string> Of(string table) => table switch
    {
        Model.Account.EntityLogicalName => Account,
        Model.SalesOrder.EntityLogicalName => SalesOrder,
        _ => [],
    };
}
