using CreditOS.Dataverse.Framework;
using Microsoft.Xrm.Sdk;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The alert thresholds for one account: its policy's columns (<c>cos_alertthresholdwarning</c>,
/// <c>cos_alertthresholdcritical</c> in percent, <c>cos_overduealertamount</c>) where set; the environment variables
/// only for an account without a policy yet (never scored) or a policy that leaves a column empty.
/// </summary>
public sealed class AlertThresholds
{
    public const string PolicyAlias = "alertpolicy";

    private AlertThresholds(IReadOnlyList<decimal> utilizationPercent, decimal overdueAmount)
    {
        UtilizationPercent = utilizationPercent;
        OverdueAmount = overdueAmount;
    }

    /// <summary>Warning and critical utilization, in percent.</summary>
    public IReadOnlyList<decimal> UtilizationPercent { get; }

    public decimal OverdueAmount { get; }

    /// <param name="fallback">Read only when the policy leaves a column empty (the environment variables cost a call).</param>
    public static AlertThresholds For(Entity accountWithPolicy, Func<ApprovalSettings> fallback)
    {
        var settings = new Lazy<ApprovalSettings>(fallback);
        var warning = accountWithPolicy.Aliased<decimal?>(PolicyAlias + "." + PolicyTable.Fields.AlertThresholdWarning) ?? settings.Value.UtilizationThresholdsPercent[0];
        var critical = accountWithPolicy.Aliased<decimal?>(PolicyAlias + "." + PolicyTable.Fields.AlertThresholdCritical) ?? settings.Value.UtilizationThresholdsPercent[1];
        var overdue = accountWithPolicy.Aliased<Money>(PolicyAlias + "." + PolicyTable.Fields.OverdueAlertAmount)?.Value ?? settings.Value.OverdueAlertAmount;
        return new AlertThresholds(warning <= critical ? [warning, critical] : [critical, warning], overdue);
    }
}
