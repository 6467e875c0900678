using CreditOS.CreditEngine.Decisions;
using Microsoft.Xrm.Sdk;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The policy row's overdue tolerance (cos_overduetoleranceamount, cos_overduetolerancepercent of the limit as
/// administrators read it, 2 = 2%, and cos_overduetolerancedays) ↔ the engine's <see cref="OverdueTolerance"/>, both
/// ways: read by the configuration reader (<see cref="CreditConfigurationRecords.ToPolicy"/>) and by the order check's
/// account read (the policy joined), written when an environment is seeded. An empty column is zero: no amount, no
/// tolerance; no percentage, no cap by the limit.
/// </summary>
public static class OverdueToleranceColumns
{
    private const decimal PercentScale = 100m;

    public static readonly string[] Columns =
    [
        PolicyTable.Fields.OverdueToleranceAmount, PolicyTable.Fields.OverdueTolerancePercent, PolicyTable.Fields.OverdueToleranceDays,
    ];

    /// <param name="value">The column's value as read (a plain row's attribute, or an aliased value of a joined policy).</param>
    public static OverdueTolerance Read(Func<string, object?> value)
    {
        var amount = value(PolicyTable.Fields.OverdueToleranceAmount) is Money money ? money.Value : 0m;
        var percent = value(PolicyTable.Fields.OverdueTolerancePercent) is decimal share ? share : 0m;
        var days = value(PolicyTable.Fields.OverdueToleranceDays) is int ceiling ? ceiling : 0;
        return amount == 0m && percent == 0m && days == 0 ? OverdueTolerance.None : new OverdueTolerance(amount, percent / PercentScale, days);
    }

    public static void Write(Entity row, OverdueTolerance tolerance)
    {
        row[PolicyTable.Fields.OverdueToleranceAmount] = new Money(tolerance.Amount);
        row[PolicyTable.Fields.OverdueTolerancePercent] = tolerance.ShareOfLimit * PercentScale;
        row[PolicyTable.Fields.OverdueToleranceDays] = tolerance.MaximumDaysPastDue;
    }
}
