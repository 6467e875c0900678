using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// A credit fact is dated when it is recorded (controls round 8). Dataverse lets a Create carry <c>overriddencreatedon</c>
/// (a data migration's "Record Created On"): the row's <c>createdon</c> then takes that date and the real moment moves to
/// <c>overriddencreatedon</c>. The credit rules read <c>createdon</c>: a customer's first order starts its months of
/// history, which end starter terms (<c>HistoryAggregates.ReadOrders</c>); held orders are released oldest first
/// (<c>HoldRelease</c>); an open promise is deleted by a person only on the day it was recorded (<c>PromiseToPayGuard</c>);
/// of two bureau reports dated the same day the one stored last counts (<c>HistoryAggregates.ReadBureauReports</c>).
/// So on the credit facts nobody but the credit flow (SYSTEM) gives a row another created-on date, the integration worker
/// and a System Administrator included: Microsoft lists prvOverrideCreatedOnCreatedBy among Create's privileges and no
/// shipped role holds it, but a System Administrator holds every privilege, and this holds whether or not the platform checks it.
/// </summary>
public static class RecordedOnGuard
{
    /// <summary>Dataverse's "Record Created On" column, valid for create only, on every table with an owner.</summary>
    public const string OverriddenCreatedOn = "overriddencreatedon";

    /// <summary>The tables whose rows are credit facts, with what a row is called and its primary name column.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Facts = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [SalesOrder.EntityLogicalName] = ["Order", SalesOrder.PrimaryNameAttribute],
        [PromiseToPay.EntityLogicalName] = ["Promise to pay", PromiseToPay.PrimaryNameAttribute],
        [BureauReport.EntityLogicalName] = ["Bureau report", BureauReport.PrimaryNameAttribute],
        [Payment.EntityLogicalName] = ["Payment", Payment.PrimaryNameAttribute],
        [Receivable.EntityLogicalName] = ["Invoice", Receivable.PrimaryNameAttribute],
        [CreditApprovalRequest.EntityLogicalName] = ["Credit approval request", CreditApprovalRequest.PrimaryNameAttribute],
    };

    /// <param name="recordedOn">When the row is recorded (the operation's time).</param>
    /// <param name="isCreditFlow">SYSTEM; asked only when a created-on date is given (one call).</param>
    public static void Check(Entity target, DateTime recordedOn, Func<bool> isCreditFlow)
    {
        if (target.GetAttributeValue<DateTime?>(OverriddenCreatedOn) is not { } claimed || isCreditFlow())
        {
            return;
        }

        var known = Facts.TryGetValue(target.LogicalName, out var names);
        var noun = known ? names![0] : target.LogicalName;
        var name = known ? target.GetAttributeValue<string>(names![1]) : null;
        var days = (recordedOn.Date - claimed.Date).Days;
        var gap = days switch
        {
            0 => "the day it is recorded",
            > 0 => days.ToString(CultureInfo.InvariantCulture) + " day(s) before it is recorded on " + Day(recordedOn),
            _ => (-days).ToString(CultureInfo.InvariantCulture) + " day(s) after it is recorded on " + Day(recordedOn),
        };
        throw new InvalidPluginExecutionException(
            $"{noun} '{name ?? target.Id.ToString()}' cannot be entered with the created-on date {Day(claimed)} (overriddencreatedon), {gap}: "
            + "a credit fact is dated when it is recorded, and the credit rules read that date (a customer's first order starts the months of history that end starter terms, "
            + "held orders are released oldest first, a promise is deleted only on the day it was recorded, of two bureau reports of one day the one stored last counts). "
            + "Only the credit flow sets it, whatever your roles; enter the row without a created-on date (a business date goes in its own column).");
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
