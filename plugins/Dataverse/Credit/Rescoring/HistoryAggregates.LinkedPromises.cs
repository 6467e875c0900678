using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using EnginePromiseCounts = CreditOS.CreditEngine.History.PromiseCounts;
using PromiseToPay = CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Session 33 (issue 15): the page rescoring reads its accounts' promises with the accounts (an outer link of the page's accounts
/// query) and counts them by status in memory, where <see cref="ReadPage"/> made an aggregate query of its own: one read a page fewer.
/// </summary>
public static partial class HistoryAggregates
{
    /// <summary>The alias of <see cref="LinkPromises"/>'s link.</summary>
    private const string ScoredPromiseAlias = "scored_promise";

    /// <summary>
    /// Links an account query to the promises the rescoring counts, with the conditions of the promises aggregate (<c>PromisesFetch</c>:
    /// recorded on or before the day; open, or promised for after the day twelve months back) inside the join, so an account without one
    /// still comes back, once; an account with several comes back once per promise (and per any other one-to-many link's row).
    /// </summary>
    public static void LinkPromises(QueryExpression accountQuery, DateTime asOfMoment)
    {
        var asOf = asOfMoment.Date;
        var link = accountQuery.AddLink(PromiseToPay.EntityLogicalName, Account.Fields.AccountId, PromiseToPay.Fields.AccountId, JoinOperator.LeftOuter);
        link.EntityAlias = ScoredPromiseAlias;
        link.Columns = new ColumnSet(PromiseToPay.Fields.PromiseToPayId, PromiseToPay.Fields.PromiseStatus);
        link.LinkCriteria.AddCondition(PromiseToPay.Fields.PromisedOn, ConditionOperator.OnOrBefore, asOf);
        var either = link.LinkCriteria.AddFilter(LogicalOperator.Or);
        either.AddCondition(PromiseToPay.Fields.PromiseStatus, ConditionOperator.Equal, (int)PromiseToPayStatus.Open);
        either.AddCondition(PromiseToPay.Fields.PromisedFor, ConditionOperator.GreaterThan, asOf.AddMonths(-12));
    }

    /// <summary>
    /// Takes <see cref="LinkPromises"/>'s columns out of the rows (they hold what the account query alone holds) and counts each
    /// account's linked promises by status, each promise once, as <c>PromiseCountsOf</c> counts the aggregate's groups (kept, broken,
    /// every other status or none as open). An account of the rows without a promise counts none.
    /// </summary>
    public static Dictionary<Guid, EnginePromiseCounts> TakeLinkedPromises(IEnumerable<Entity> rows)
    {
        var statuses = new Dictionary<Guid, Dictionary<Guid, int?>>();
        var prefix = ScoredPromiseAlias + ".";
        foreach (var row in rows)
        {
            if (!statuses.TryGetValue(row.Id, out var own))
            {
                statuses[row.Id] = own = [];
            }

            if (row.GetAttributeValue<AliasedValue>(prefix + PromiseToPay.Fields.PromiseToPayId)?.Value is Guid promise)
            {
                own[promise] = (row.GetAttributeValue<AliasedValue>(prefix + PromiseToPay.Fields.PromiseStatus)?.Value as OptionSetValue)?.Value;
            }

            foreach (var key in row.Attributes.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                row.Attributes.Remove(key);
            }
        }

        return statuses.ToDictionary(
            pair => pair.Key,
            pair => new EnginePromiseCounts(
                pair.Value.Values.Count(status => status == (int)PromiseToPayStatus.Kept),
                pair.Value.Values.Count(status => status == (int)PromiseToPayStatus.Broken),
                pair.Value.Values.Count(status => status is not (int)PromiseToPayStatus.Kept and not (int)PromiseToPayStatus.Broken)));
    }
}
