using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Four-eyes on the scoring rule sets (controls round 13): the engine's <see cref="ConfigurationFourEyes"/> asked with
/// what Dataverse knows. Who made a version is what the platform stamps and nobody writes (<c>createdby</c>,
/// <c>modifiedby</c> of the version and of each of its rules), so no column of ours can be forged to pass; since controls
/// round 23 the guard also keeps who wrote the version and each rule (<c>cos_contentby</c>), which only adds makers. The credit
/// flow (SYSTEM: the demo and test seed, plug-ins) and the creditOS Integration role's application user (a deployment
/// pipeline's identity, not a person) are not asked; everyone else is, whatever their roles, when the setting is on.
/// </summary>
public static class RuleSetFourEyes
{
    /// <summary>Whether four-eyes applies to the caller: the setting (1 call) and, when on, the Integration role (1).</summary>
    public const int CallerCalls = 1 + 1;

    /// <summary>At most: who SYSTEM is (once per organization), the caller's calls, the version's rules (or whether it has any).</summary>
    public const int MaximumCalls = 1 + CallerCalls + 1;

    /// <summary>Columns of a rule set that are not what it decides (a save of only these changes nothing in force).</summary>
    private static readonly HashSet<string> NotContent = new(StringComparer.Ordinal)
    {
        RuleSetTable.Fields.ScoringRuleSetId, RuleSetTable.Fields.StateCode, RuleSetTable.Fields.StatusCode,
        "ownerid", "owningbusinessunit", "owninguser", "owningteam", "modifiedon", "modifiedby", "modifiedonbehalfby",
        RuleSetTable.Fields.ContentBy,
    };

    /// <summary>Columns of a rule that are not what it decides (its state is: an inactive rule scores nothing).</summary>
    private static readonly HashSet<string> NotRuleContent = new(StringComparer.Ordinal)
    {
        RuleTable.Fields.ScoringRuleId, "ownerid", "owningbusinessunit", "owninguser", "owningteam", "modifiedon", "modifiedby", "modifiedonbehalfby",
        RuleTable.Fields.ContentBy,
    };

    /// <summary>Whether the person is held by four-eyes: not the credit flow or the deployment identity, and the setting on.</summary>
    public static bool Applies(Func<bool> isCreditFlow, IOrganizationService system, Guid userId) =>
        !isCreditFlow() && CreditConfigurationReader.ReadFourEyes(system) && !IntegrationIdentity.IsIntegration(system, userId);

    /// <summary>Whether a save of the rule set changes what it decides (anything but its state, owner and stamps).</summary>
    public static bool ChangesContent(Entity target) => target.Attributes.Keys.Any(column => !NotContent.Contains(column));

    /// <summary>
    /// Controls round 23 (session 30): who wrote the version's settings, kept by the guard in the version's
    /// <c>cos_contentby</c> (<see cref="ContentWriters"/>; a value the caller puts there is dropped). No call.
    /// </summary>
    public static void RecordSettingsWriter(Entity target, Entity? before, Guid callerId) =>
        ContentWriters.Record(
            target, before, RuleSetTable.Fields.ContentBy, callerId, before is null || ChangesContent(target),
            $"Scoring rule set '{(before ?? target).GetAttributeValue<string>(RuleSetTable.Fields.Name)}' version {VersionOf(before ?? target).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "enter a new version");

    /// <summary>
    /// Controls round 23 (session 30): who wrote the rule (anything it decides, its rule set and state included), kept by
    /// the guard in the rule's <c>cos_contentby</c>; a value the caller puts there is dropped. No call.
    /// </summary>
    public static void RecordRuleWriter(Entity target, Entity? before, Guid callerId) =>
        ContentWriters.Record(
            target, before, RuleTable.Fields.ContentBy, callerId, before is null || target.Attributes.Keys.Any(column => !NotRuleContent.Contains(column)),
            $"Scoring rule '{(before ?? target).GetAttributeValue<string>(RuleTable.Fields.Name)}'",
            "enter it again on a new version");

    public static bool IsActive(Entity row) =>
        (row.GetAttributeValue<OptionSetValue>(RuleSetTable.Fields.StateCode)?.Value ?? (int)ScoringRuleSetState.Active) == (int)ScoringRuleSetState.Active;

    /// <summary>
    /// Refuses the activation when the activator made the version or part of it (one query: its rules' makers and
    /// writers). The pre-image carries who entered, last changed and wrote the version; a save that activates and changes
    /// it at once makes the activator a maker. Since controls round 23 whoever wrote the version's settings or one of its
    /// rules is a maker too, whoever saved them after him.
    /// </summary>
    public static void EnsureActivator(IOrganizationService system, Entity before, Guid activatorId, bool changesContentToo)
    {
        var rules = RulesOf(system, before.Id);
        var proposal = new RuleSetProposal(
            before.GetAttributeValue<string>(RuleSetTable.Fields.Name) ?? before.Id.ToString(),
            VersionOf(before),
            before.GetAttributeValue<DateTime?>(RuleSetTable.Fields.CreatedOn) ?? DateTime.MinValue,
            IsUser(before, RuleSetTable.Fields.CreatedBy, activatorId),
            IsUser(before, RuleSetTable.Fields.ModifiedBy, activatorId),
            rules.Count,
            rules.Count(r => MadeRule(r, activatorId)),
            changesContentToo,
            ContentWriters.Includes(before, RuleSetTable.Fields.ContentBy, activatorId),
            rules.Count(r => !MadeRule(r, activatorId) && ContentWriters.Includes(r, RuleTable.Fields.ContentBy, activatorId)));
        if (ConfigurationFourEyes.ActivationRefusal(proposal) is { } refusal)
        {
            throw new InvalidPluginExecutionException(refusal);
        }
    }

    public static int VersionOf(Entity row) => row.GetAttributeValue<int?>(RuleSetTable.Fields.Version) ?? 1;

    /// <summary>Refuses a person's change of the version in force (or of one of its rules) in place.</summary>
    public static void RefuseInForce(Entity ruleSet, string what, string change) =>
        throw new InvalidPluginExecutionException(ConfigurationFourEyes.InForceRefusal(
            what, ruleSet.GetAttributeValue<string>(RuleSetTable.Fields.Name) ?? ruleSet.Id.ToString(), VersionOf(ruleSet), change));

    /// <summary>
    /// The rule sets named (one query): where a rule is, or is moved to, or from, with their state, name, version and who
    /// entered them (<see cref="IsActive"/> finds the one in force; <see cref="EnsureRemover"/> asks who entered a proposal).
    /// </summary>
    public static List<Entity> RuleSetsAmong(IOrganizationService system, IEnumerable<Guid> ruleSetIds)
    {
        var ids = ruleSetIds.Distinct().Cast<object>().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var query = new QueryExpression(RuleSetTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(RuleSetTable.Fields.Name, RuleSetTable.Fields.Version, RuleSetTable.Fields.StateCode, RuleSetTable.Fields.CreatedBy),
        };
        query.Criteria.AddCondition(RuleSetTable.Fields.ScoringRuleSetId, ConditionOperator.In, ids);
        return system.RetrieveMultiple(query).Entities.ToList();
    }

    /// <summary>
    /// Controls round 22 (session 29): a rule taken out of a proposed version (deleted, or moved to another version) leaves
    /// no trace of who took it: the activation check counts the makers of the rules that are there. So only the person who
    /// entered the version, or the rule, takes a rule out of it; anyone else would change what the version decides and
    /// could then activate it as if he had no part in it. No call (the version and the rule's maker are read already).
    /// </summary>
    /// <remarks>
    /// Controls round 24 (session 31): nor is a rule someone else wrote taken out, even by who entered the version. Its
    /// writers (<c>cos_contentby</c>) would leave the version with it, and the rule entered again with their figures would
    /// be the remover's alone: Carl rewrites a rule of Dana's proposal, Dana deletes it and enters it again, and Carl, a
    /// writer of nothing left, activates his figures. A rule's writers stay on the version until the version is withdrawn.
    /// </remarks>
    public static void EnsureRemover(Entity proposal, EntityReference? ruleEnteredBy, string? ruleWriters, Guid callerId, string rule, string change)
    {
        var version = $"scoring rule set '{proposal.GetAttributeValue<string>(RuleSetTable.Fields.Name) ?? proposal.Id.ToString()}' version {VersionOf(proposal).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (IsUser(proposal, RuleSetTable.Fields.CreatedBy, callerId) || ruleEnteredBy?.Id == callerId)
        {
            var others = ContentWriters.Others(ruleWriters, callerId);
            if (others == 0)
            {
                return;
            }

            throw new InvalidPluginExecutionException(
                $"You cannot {change} {rule} of {version}: {others.ToString(System.Globalization.CultureInfo.InvariantCulture)} other {(others == 1 ? "person" : "people")} wrote it (cos_contentby). "
                + $"Taken out, the rule would take their part in the version with it, and entered again it would be yours alone, so they could activate the version as if they had no part in it (four-eyes, {ConfigurationFourEyes.SettingName}). "
                + "Change the rule back in place instead (its writers stay on record, and someone who wrote none of the version activates it), or enter a version of your own.");
        }

        var enteredBy = proposal.GetAttributeValue<EntityReference>(RuleSetTable.Fields.CreatedBy);
        throw new InvalidPluginExecutionException(
            $"You cannot {change} {rule} of {version}: "
            + $"{enteredBy?.Name ?? "another person"} entered that version and you did not enter the rule. A rule taken out of a version leaves no trace of who took it, so the version would be activated as if you had no part in it (four-eyes, {ConfigurationFourEyes.SettingName}). "
            + "Ask the person who entered it, or enter a version of your own.");
    }

    /// <summary>
    /// The writers of each of the version's rules (one query; none when it has no rules): whether it is in force at all, and
    /// who wrote it for the activation record (controls round 24).
    /// </summary>
    public static List<string?> RuleWritersOf(IOrganizationService system, Guid ruleSetId)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName) { ColumnSet = new ColumnSet(RuleTable.Fields.ContentBy) };
        query.Criteria.AddCondition(RuleTable.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSetId);
        return system.RetrieveMultiple(query).Entities.Select(rule => (string?)rule.GetAttributeValue<string>(RuleTable.Fields.ContentBy)).ToList();
    }

    /// <summary>
    /// Whether the active rule set is in force: it has rules (one query). A new row is created active (its statecode is
    /// not valid for create) but the reader joins rules to their set, so an empty one decides nothing yet.
    /// </summary>
    public static bool HasRules(IOrganizationService system, Guid ruleSetId)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
        query.Criteria.AddCondition(RuleTable.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSetId);
        return system.RetrieveMultiple(query).Entities.Count > 0;
    }

    private static List<Entity> RulesOf(IOrganizationService system, Guid ruleSetId)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName) { ColumnSet = new ColumnSet(RuleTable.Fields.CreatedBy, RuleTable.Fields.ModifiedBy, RuleTable.Fields.ContentBy) };
        query.Criteria.AddCondition(RuleTable.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSetId);
        return system.RetrieveMultiple(query).Entities.ToList();
    }

    private static bool MadeRule(Entity rule, Guid userId) => IsUser(rule, RuleTable.Fields.CreatedBy, userId) || IsUser(rule, RuleTable.Fields.ModifiedBy, userId);

    private static bool IsUser(Entity row, string column, Guid userId) => row.GetAttributeValue<EntityReference>(column)?.Id == userId;
}
