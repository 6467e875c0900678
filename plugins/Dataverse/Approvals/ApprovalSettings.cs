using CreditOS.Dataverse.Credit.Configuration;
using Microsoft.Xrm.Sdk;
using Variables = CreditOS.Dataverse.Approvals.ApprovalConfiguration.EnvironmentVariables;

namespace CreditOS.Dataverse.Approvals;

/// <summary>The approval settings administrators tune through environment variables.</summary>
public sealed class ApprovalSettings
{
    private ApprovalSettings(decimal dueHours, string escalationQueueName, decimal limitIncreaseApprovalAmount, decimal warningPercent, decimal criticalPercent, decimal overdueAlertAmount)
    {
        if (dueHours <= 0)
        {
            throw new InvalidPluginExecutionException($"The environment variable {Variables.ApprovalDueHours} must be a positive number of hours, but is {dueHours}.");
        }

        if (warningPercent <= 0 || criticalPercent < warningPercent)
        {
            throw new InvalidPluginExecutionException(
                $"The utilization alert thresholds must satisfy 0 < {Variables.AlertUtilizationWarning} ({warningPercent}) <= {Variables.AlertUtilizationCritical} ({criticalPercent}).");
        }

        DueTime = TimeSpan.FromHours((double)dueHours);
        EscalationQueueName = escalationQueueName;
        LimitIncreaseApprovalAmount = limitIncreaseApprovalAmount;
        UtilizationThresholdsPercent = [warningPercent, criticalPercent];
        OverdueAlertAmount = overdueAlertAmount;
    }

    /// <summary>How long Finance has to decide before a request escalates.</summary>
    public TimeSpan DueTime { get; }

    public string EscalationQueueName { get; }

    /// <summary>Limit increases larger than this need Finance approval.</summary>
    public decimal LimitIncreaseApprovalAmount { get; }

    /// <summary>Warning and critical utilization, in percent.</summary>
    public IReadOnlyList<decimal> UtilizationThresholdsPercent { get; }

    public decimal OverdueAlertAmount { get; }

    public static ApprovalSettings Read(IOrganizationService service)
    {
        var values = EnvironmentVariableReader.Read(
            service,
            Variables.ApprovalDueHours,
            Variables.EscalationQueueName,
            Variables.LimitIncreaseApprovalAmount,
            Variables.AlertUtilizationWarning,
            Variables.AlertUtilizationCritical,
            Variables.AlertOverdueAmount);
        return new ApprovalSettings(
            EnvironmentVariableReader.RequireNumber(values, Variables.ApprovalDueHours),
            EnvironmentVariableReader.RequireText(values, Variables.EscalationQueueName),
            EnvironmentVariableReader.RequireNumber(values, Variables.LimitIncreaseApprovalAmount),
            EnvironmentVariableReader.RequireNumber(values, Variables.AlertUtilizationWarning),
            EnvironmentVariableReader.RequireNumber(values, Variables.AlertUtilizationCritical),
            EnvironmentVariableReader.RequireNumber(values, Variables.AlertOverdueAmount));
    }
}
