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

    /// <summary>The environment variables the settings come from (session 31: the nightly page reads them in its version stamp's query).</summary>
    public static readonly string[] VariableNames =
    [
        Variables.ApprovalDueHours,
        Variables.EscalationQueueName,
        Variables.LimitIncreaseApprovalAmount,
        Variables.AlertUtilizationWarning,
        Variables.AlertUtilizationCritical,
        Variables.AlertOverdueAmount,
    ];

    public static ApprovalSettings Read(IOrganizationService service) => From(EnvironmentVariableReader.Read(service, VariableNames));

    /// <summary>The settings from environment variables already read (<see cref="VariableNames"/> among them); refuses missing or invalid ones.</summary>
    public static ApprovalSettings From(IReadOnlyDictionary<string, string> values) => new(
        EnvironmentVariableReader.RequireNumber(values, Variables.ApprovalDueHours),
        EnvironmentVariableReader.RequireText(values, Variables.EscalationQueueName),
        EnvironmentVariableReader.RequireNumber(values, Variables.LimitIncreaseApprovalAmount),
        EnvironmentVariableReader.RequireNumber(values, Variables.AlertUtilizationWarning),
        EnvironmentVariableReader.RequireNumber(values, Variables.AlertUtilizationCritical),
        EnvironmentVariableReader.RequireNumber(values, Variables.AlertOverdueAmount));
}
