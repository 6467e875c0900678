using CreditOS.CreditEngine.Collections;
using EngineRiskLevel = CreditOS.CreditEngine.Tiers.RiskLevel;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RuleTable = CreditOS.Dataverse.Model.CollectorAssignmentRule;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Applies the collector assignment rules (<c>cos_collectorassignmentrule</c>, edited by the credit administrator) to
/// an account with receivables whose collector nobody set by hand (<c>cos_collectorsetby</c> empty): the engine's
/// <see cref="CollectorAssignment"/> picks the rule; the account is written only when the collector changes. One query
/// for the active rules, then at most one update.
/// </summary>
public static class CollectorAssigner
{
    public static Guid? Assign(IOrganizationService service, ITracingService tracing, Entity account, DateTime now, ref int calls)
    {
        var read = 0;
        var collector = Assign(service, tracing, account, now, () =>
        {
            read++;
            return ReadRules(service);
        }, out var written);
        calls += read + (written ? 1 : 0);
        return collector;
    }

    /// <summary>
    /// The rule applied to one account with the rules from <paramref name="rules"/> (asked only when the account needs
    /// them: the per-account path reads them then, the set-based page once for all its accounts); writes the account
    /// only when its collector changes and returns the collector it has afterwards.
    /// </summary>
    public static Guid? Assign(IOrganizationService service, ITracingService tracing, Entity account, DateTime now, Func<IReadOnlyList<CreditEngine.Collections.CollectorAssignmentRule>> rules, out bool written)
    {
        written = false;
        var current = account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id;
        if (account.GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy) is { } setBy)
        {
            tracing.Trace("Account {0}: collector set by hand by {1}; the rules leave it.", account.Id, setBy.Id);
            return current;
        }

        var open = account.MoneyOrZero(Account.Fields.OpenReceivables);
        if (open <= 0)
        {
            return current;
        }

        var choice = CollectorAssignment.Choose(
            new AccountToAssign(
                account.ChoiceOrNull(Account.Fields.CustomerGroup),
                account.GetAttributeValue<string>(Account.Fields.Country),
                RiskLevelOf(account.ChoiceOrNull(Account.Fields.RiskLevel)),
                open,
                account.GetAttributeValue<string>(Account.Fields.StateOrProvince)),
            rules());
        if (choice is null || choice.CollectorId == current)
        {
            return current;
        }

        service.Update(new Entity(Account.EntityLogicalName, account.Id)
        {
            [Account.Fields.CollectorId] = new EntityReference(SystemUser.EntityLogicalName, choice.CollectorId),
            [Account.Fields.CollectorSetOn] = now,
        });
        written = true;
        tracing.Trace("Account {0}: collector {1} by rule '{2}' (priority {3}).", account.Id, choice.CollectorId, choice.Rule.Name, choice.Rule.Priority);
        return choice.CollectorId;
    }

    public static IReadOnlyList<CreditEngine.Collections.CollectorAssignmentRule> ReadRules(IOrganizationService service)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                RuleTable.Fields.Name, RuleTable.Fields.Priority, RuleTable.Fields.CollectorId, RuleTable.Fields.CustomerGroup, RuleTable.Fields.Region,
                RuleTable.Fields.RiskLevel, RuleTable.Fields.BalanceFrom, RuleTable.Fields.BalanceTo),
        };
        query.Criteria.AddCondition(RuleTable.Fields.StateCode, ConditionOperator.Equal, 0);
        return service.RetrieveMultiple(query).Entities
            .Where(r => r.GetAttributeValue<EntityReference>(RuleTable.Fields.CollectorId) is not null)
            .Select(r => new CreditEngine.Collections.CollectorAssignmentRule(
                r.GetAttributeValue<string>(RuleTable.Fields.Name) ?? string.Empty,
                r.GetAttributeValue<int?>(RuleTable.Fields.Priority) ?? int.MaxValue,
                r.GetAttributeValue<EntityReference>(RuleTable.Fields.CollectorId).Id,
                r.ChoiceOrNull(RuleTable.Fields.CustomerGroup),
                r.GetAttributeValue<string>(RuleTable.Fields.Region),
                RiskLevelOf(r.ChoiceOrNull(RuleTable.Fields.RiskLevel)),
                r.GetAttributeValue<Money>(RuleTable.Fields.BalanceFrom)?.Value,
                r.GetAttributeValue<Money>(RuleTable.Fields.BalanceTo)?.Value))
            .ToList();
    }

    internal static EngineRiskLevel? RiskLevelOf(int? choice) => choice switch
    {
        (int)Model.RiskLevel.Low => EngineRiskLevel.Low,
        (int)Model.RiskLevel.Medium => EngineRiskLevel.Medium,
        (int)Model.RiskLevel.High => EngineRiskLevel.High,
        (int)Model.RiskLevel.Severe => EngineRiskLevel.Severe,
        _ => null,
    };
}
