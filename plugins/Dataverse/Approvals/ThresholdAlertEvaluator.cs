using System.Globalization;
using CreditOS.CreditEngine.Exposure;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using AlertFields = CreditOS.Dataverse.Model.CreditAlert.Fields;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Raises a credit alert when utilization is at or above a configured threshold (80% and 95% by default)
/// or the overdue balance is above the configured level. One crossing gives one alert: while an active
/// alert for that threshold exists no other is raised; when the account falls back below, the alert is
/// closed, so a later crossing is a new one.
/// Calls: one query for the account with its policy's thresholds and its active alerts joined, the environment
/// variables only when the policy leaves a threshold empty, then one write per alert raised or closed
/// (<see cref="MaximumCalls"/> with all three thresholds moving at once).
/// </summary>
public static class ThresholdAlertEvaluator
{
    /// <summary>Two reads (the second only without a policy threshold) and at most one write per threshold (warning, critical, overdue).</summary>
    public const int MaximumCalls = 5;

    private const string AlertAlias = "activealert";
    private const int ActiveState = 0;
    private const int InactiveState = 1;
    private const int InactiveStatus = 2;

    public static int Evaluate(IOrganizationService service, EntityReference accountReference, DateTime now)
    {
        var rows = ReadAccountWithActiveAlerts(service, accountReference.Id);
        var account = rows[0];
        var thresholds = AlertThresholds.For(account, () => ApprovalSettings.Read(service));

        // The engine's one formula: the stored exposure against the limit in force today (a valid temporary limit counts).
        var figures = new ExposureFigures(
            new CreditLimitState(
                account.MoneyOrZero(Account.Fields.CreditLimit),
                account.MoneyOrNull(Account.Fields.TemporaryLimit),
                account.GetAttributeValue<DateTime?>(Account.Fields.TemporaryLimitExpiresOn)).EffectiveLimit(now),
            account.MoneyOrZero(Account.Fields.Exposure));
        var limit = figures.Limit;
        var exposure = figures.Exposure;
        var overdue = account.MoneyOrZero(Account.Fields.OverdueAmount);
        decimal? utilization = limit > 0 ? figures.UtilizationPercent : null;
        var active = ActiveAlerts(rows);
        var raised = 0;

        foreach (var threshold in thresholds.UtilizationPercent)
        {
            var crossed = utilization is { } percent ? percent >= threshold : exposure > 0;
            var existing = active.FirstOrDefault(a => IsType(a, CreditAlertType.UtilizationThreshold) && a.GetAttributeValue<decimal?>(AlertFields.Threshold) == threshold);
            raised += Reconcile(service, existing, crossed, () => new Entity(CreditAlert.EntityLogicalName)
            {
                [AlertFields.Name] = $"{account.GetAttributeValue<string>(Account.Fields.Name)}: utilization at or above {ApprovalText.Percent(threshold)}",
                [AlertFields.AlertType] = new OptionSetValue((int)CreditAlertType.UtilizationThreshold),
                [AlertFields.Threshold] = threshold,
                [AlertFields.Utilization] = utilization,
                [AlertFields.Message] = $"Exposure {ApprovalText.Amount(exposure)} against a limit of {ApprovalText.Amount(limit)} crossed {ApprovalText.Percent(threshold)} utilization.",
            });
        }

        var overdueExisting = active.FirstOrDefault(a => IsType(a, CreditAlertType.OverdueBalance));
        raised += Reconcile(service, overdueExisting, overdue > thresholds.OverdueAmount, () => new Entity(CreditAlert.EntityLogicalName)
        {
            [AlertFields.Name] = $"{account.GetAttributeValue<string>(Account.Fields.Name)}: overdue above {ApprovalText.Amount(thresholds.OverdueAmount)}",
            [AlertFields.AlertType] = new OptionSetValue((int)CreditAlertType.OverdueBalance),
            [AlertFields.Threshold] = thresholds.OverdueAmount,
            [AlertFields.Message] = $"Overdue balance {ApprovalText.Amount(overdue)} is above the alert level of {ApprovalText.Amount(thresholds.OverdueAmount)}.",
        });
        return raised;

        int Reconcile(IOrganizationService organization, Entity? existing, bool crossed, Func<Entity> build)
        {
            if (crossed && existing is null)
            {
                var alert = build();
                alert[AlertFields.AccountId] = accountReference;
                alert[AlertFields.Exposure] = new Money(exposure);
                alert[AlertFields.CreditLimit] = new Money(limit);
                alert[AlertFields.OverdueAmount] = new Money(overdue);
                alert[AlertFields.RaisedOn] = now;
                alert[AlertFields.CrossingKey] = CrossingKey(accountReference.Id, alert, now);
                organization.Create(alert);
                return 1;
            }

            if (!crossed && existing is not null)
            {
                organization.Update(new Entity(CreditAlert.EntityLogicalName, existing.Id)
                {
                    [AlertFields.StateCode] = new OptionSetValue(InactiveState),
                    [AlertFields.StatusCode] = new OptionSetValue(InactiveStatus),
                });
            }

            return 0;
        }
    }

    /// <summary>
    /// The account with its policy's alert columns and its active alerts, in one query: one row per active alert (at most
    /// one per threshold), or one row without alert columns when there is none.
    /// </summary>
    private static IReadOnlyList<Entity> ReadAccountWithActiveAlerts(IOrganizationService service, Guid accountId)
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.TemporaryLimit, Account.Fields.TemporaryLimitExpiresOn,
                Account.Fields.Exposure, Account.Fields.OverdueAmount),
        };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, accountId);
        var policy = query.AddLink(PolicyTable.EntityLogicalName, Account.Fields.CreditPolicyId, PolicyTable.Fields.CreditPolicyId, JoinOperator.LeftOuter);
        policy.EntityAlias = AlertThresholds.PolicyAlias;
        policy.Columns = new ColumnSet(PolicyTable.Fields.AlertThresholdWarning, PolicyTable.Fields.AlertThresholdCritical, PolicyTable.Fields.OverdueAlertAmount);
        var alerts = query.AddLink(CreditAlert.EntityLogicalName, Account.Fields.AccountId, AlertFields.AccountId, JoinOperator.LeftOuter);
        alerts.EntityAlias = AlertAlias;
        alerts.Columns = new ColumnSet(AlertFields.CreditAlertId, AlertFields.AlertType, AlertFields.Threshold);
        alerts.LinkCriteria.AddCondition(AlertFields.StateCode, ConditionOperator.Equal, ActiveState);
        alerts.LinkCriteria.AddCondition(AlertFields.AlertType, ConditionOperator.In, (int)CreditAlertType.UtilizationThreshold, (int)CreditAlertType.OverdueBalance);
        var rows = service.RetrieveMultiple(query).Entities;
        return rows.Count > 0
            ? rows.ToList()
            : throw new InvalidPluginExecutionException("The account " + accountId + " does not exist, so its credit thresholds cannot be evaluated.");
    }

    private static bool IsType(Entity alert, CreditAlertType type) => alert.GetAttributeValue<OptionSetValue>(AlertFields.AlertType)?.Value == (int)type;

    // Unique per account, kind, threshold and the moment the crossing began: the alternate key refuses a duplicate of the same crossing.
    private static string CrossingKey(Guid account, Entity alert, DateTime now) => string.Format(
        CultureInfo.InvariantCulture,
        "{0:N}:{1}:{2}:{3:yyyyMMddHHmmss}",
        account,
        alert.GetAttributeValue<OptionSetValue>(AlertFields.AlertType).Value,
        alert.GetAttributeValue<decimal>(AlertFields.Threshold),
        now);

    private static IReadOnlyList<Entity> ActiveAlerts(IReadOnlyList<Entity> rows) => rows
        .Where(row => row.Aliased<Guid?>(AlertAlias + "." + AlertFields.CreditAlertId) is not null)
        .Select(row => new Entity(CreditAlert.EntityLogicalName, row.Aliased<Guid>(AlertAlias + "." + AlertFields.CreditAlertId))
        {
            [AlertFields.AlertType] = row.Aliased<OptionSetValue>(AlertAlias + "." + AlertFields.AlertType),
            [AlertFields.Threshold] = row.Aliased<decimal?>(AlertAlias + "." + AlertFields.Threshold),
        })
        .ToList();
}
