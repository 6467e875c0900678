using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's segment is what its credit is decided by: the customer group (<c>cos_customergroup</c>) picks the
/// scoring rule set and the approval route its requests take (queue, comment threshold, longest temporary limit); the
/// industry (<c>industrycode</c>) picks the scoring rule set when no group's applies, and the revenue reference the Value
/// score measures the customer's purchases against (the engine's <c>RuleSetSelector</c> and
/// <c>CreditConfiguration.RevenueReferenceFor</c>). Moving a classified customer to another group or industry is
/// therefore a credit decision: only a Finance approver (directly or through the Finance team) or the credit flow may;
/// a sales rep who may otherwise edit the account may classify an unclassified one (first value), not reclassify it
/// into a segment scored more leniently. While the customer has a credit approval request open, its group (which picks
/// the route the request is decided under) waits for the decision, whoever may otherwise reclassify (controls round 11),
/// a first classification included (round 12).
/// </summary>
public static class CustomerSegmentGuard
{
    /// <summary>The columns the update step filters on.</summary>
    public const string FilteringColumns = Account.Fields.CustomerGroup + "," + Account.Fields.IndustryCode;

    /// <summary>The pre-image the update step registers (the currency tells a customer that can be scored, controls round 26).</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.CustomerGroup + "," + Account.Fields.IndustryCode + "," + Account.Fields.TransactionCurrencyId;

    /// <summary>
    /// At most: who SYSTEM is (1, once per organization), the Finance check (3), the open request (1), and for a scored
    /// customer (round 26: any with a currency) what the classification does to its credit
    /// (<see cref="ClassificationAuthority.Calls"/>, controls round 25).
    /// </summary>
    public const int MaximumCalls = 1 + 3 + 1 + ClassificationAuthority.Calls;

    /// <summary>At most on Create (controls round 26): who SYSTEM is (1), the scoring configuration and the Finance check (3).</summary>
    public const int MaximumCreateCalls = 1 + ClassificationAuthority.BeforeScoringCalls + 3;

    /// <param name="system">Reads whether the account has an open approval request (only when its group is changed by a person allowed).</param>
    /// <param name="isAllowed">SYSTEM or a Finance approver (asked only when a classified account is reclassified).</param>
    /// <param name="isCreditFlow">SYSTEM (asked only when the group of a classified account changes).</param>
    /// <param name="ensureWithinAuthority">
    /// Controls round 25: asked, with what changes, when a person changes the group or industry of a customer and the change
    /// is otherwise allowed (<see cref="ClassificationAuthority"/>); null asks nothing. Round 26: asked for every customer
    /// that can be scored (it has a currency), scored yet or not (round 25 asked for scored customers only).
    /// </param>
    /// <param name="ensureBeforeScoring">
    /// Controls round 26: asked instead, with what changes, for a customer that cannot be scored yet (no currency)
    /// (<see cref="ClassificationAuthority.EnsureBeforeScoring"/>); null asks nothing.
    /// </param>
    public static void Check(
        IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed, Func<bool> isCreditFlow,
        Action<string>? ensureWithinAuthority = null, Action<string>? ensureBeforeScoring = null)
    {
        CheckWho(system, target, before, isAllowed, isCreditFlow);
        if (before is null || Change(target, before) is not { } change)
        {
            return;
        }

        var canBeScored = before.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId) is not null;
        var ensure = canBeScored ? ensureWithinAuthority : ensureBeforeScoring;
        if (ensure is not null && !isCreditFlow())
        {
            ensure(change);
        }
    }

    /// <summary>
    /// Controls round 26: an account entered already classified (Create) has not been scored, so a person's classification
    /// is judged as one before the first scoring (<paramref name="ensureBeforeScoring"/>, with what it sets); SYSTEM's is
    /// the credit flow's. No call when the row carries no group or industry.
    /// </summary>
    public static void CheckCreate(Entity target, Func<bool> isCreditFlow, Action<string> ensureBeforeScoring)
    {
        if (Change(target, new Entity(Account.EntityLogicalName)) is { } change && !isCreditFlow())
        {
            ensureBeforeScoring(change);
        }
    }

    /// <summary>
    /// What a save changes of the classification, by choice names ("customer group from none to KeyAccount; industry from
    /// Retail to Wholesale"), first values included; null when neither changes.
    /// </summary>
    public static string? Change(Entity target, Entity before)
    {
        var changes = new List<string>(2);
        Describe(target, before, Account.Fields.CustomerGroup, "customer group", typeof(CustomerGroup), changes);
        Describe(target, before, Account.Fields.IndustryCode, "industry", typeof(AccountIndustry), changes);
        return changes.Count == 0 ? null : string.Join("; ", changes);
    }

    private static void Describe(Entity target, Entity before, string column, string what, Type choices, List<string> changes)
    {
        var previous = before.GetAttributeValue<OptionSetValue>(column)?.Value;
        var next = target.GetAttributeValue<OptionSetValue>(column)?.Value;
        if (target.Contains(column) && next != previous)
        {
            changes.Add($"{what} from {Label(choices, previous)} to {Label(choices, next)}");
        }
    }

    private static string Label(Type choices, int? value) =>
        value is { } some ? Enum.GetName(choices, some) ?? some.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";

    private static void CheckWho(IOrganizationService system, Entity target, Entity? before, Func<bool> isAllowed, Func<bool> isCreditFlow)
    {
        var group = Reclassified(target, before, Account.Fields.CustomerGroup);
        var industry = Reclassified(target, before, Account.Fields.IndustryCode);
        if (group is null && industry is null)
        {
            // Controls round 12: a first classification is open to whoever edits the account, but it picks the route an
            // open request is decided under just as a reclassification does, so it too waits for the decision.
            if (Classified(target, before) is { } first)
            {
                EnsureNoOpenRequest(system, target.Id, before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString(), first, isCreditFlow);
            }

            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        if (!isAllowed())
        {
            if (group is not null)
            {
                throw new InvalidPluginExecutionException(
                    $"The customer group of account '{name}' cannot be changed by you ({group}): "
                    + $"it picks the scoring rules and the approval route the customer's credit is decided by. Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to reclassify it.");
            }

            throw new InvalidPluginExecutionException(
                $"The industry of account '{name}' cannot be changed by you ({industry}): "
                + $"it picks the scoring rules and the revenue reference the customer's credit is scored by. Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to reclassify it.");
        }

        // Controls round 11: the decision reads the route of the customer's group as it is when deciding (its comment
        // threshold and the longest temporary limit, DecisionTermsRules), so an approver who reclassified a customer with
        // a request open chose the terms she then decided under (a year's temporary limit where the route the request was
        // raised on allows 90 days). A request is decided under the route it was raised on: the group waits for it.
        if (group is not null)
        {
            EnsureNoOpenRequest(system, target.Id, name, group, isCreditFlow);
        }
    }

    private static void EnsureNoOpenRequest(IOrganizationService system, Guid accountId, string name, string change, Func<bool> isCreditFlow)
    {
        if (!isCreditFlow() && OpenRequest(system, accountId) is { } open)
        {
            throw new InvalidPluginExecutionException(
                $"The customer group of account '{name}' cannot be changed now ({change}): credit approval request '{open.GetAttributeValue<string>(CreditApprovalRequest.Fields.Name)}' is open, "
                + "raised on the approval route of the customer's present group, and is decided under that route's terms (its comment threshold and longest temporary limit). "
                + "Decide the request first, then classify the customer.");
        }
    }

    /// <summary>"from none to Y" when an unclassified account is given a group; null otherwise.</summary>
    private static string? Classified(Entity target, Entity? before)
    {
        var next = target.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup)?.Value;
        return before?.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup) is null && next is { } group
            ? "from none to " + group.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The account's oldest open approval request (any type), or null: one query.</summary>
    private static Entity? OpenRequest(IOrganizationService system, Guid accountId) =>
        ApprovalRequestStore.FindOpen(system, CreditApprovalRequest.Fields.AccountId, accountId).FirstOrDefault();

    /// <summary>"from X to Y" when a classified account's value changes; null when the column is not changed or was empty.</summary>
    private static string? Reclassified(Entity target, Entity? before, string column)
    {
        var previous = before?.GetAttributeValue<OptionSetValue>(column)?.Value;
        var next = target.GetAttributeValue<OptionSetValue>(column)?.Value;
        return !target.Contains(column) || previous is null || next == previous
            ? null
            : $"from {previous} to {next?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
    }
}
