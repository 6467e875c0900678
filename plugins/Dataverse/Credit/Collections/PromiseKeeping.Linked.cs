using CreditOS.CreditEngine.Collections;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PromiseTable = CreditOS.Dataverse.Model.PromiseToPay;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// Session 33 (issue 15): the page's daily promise check reads the promises with the page's accounts (an outer link of the
/// accounts-with-work query) instead of in a query of its own: one read a page fewer.
/// </summary>
public static partial class PromiseKeeping
{
    /// <summary>The alias of <see cref="LinkDay"/>'s link.</summary>
    private const string DayPromiseAlias = "day_promise";

    /// <summary>A property, not a field: the other part's <c>PromiseColumns</c> may not be set yet when this part's fields are.</summary>
    private static string[] LinkedColumns => [PromiseTable.Fields.PromiseToPayId, .. PromiseColumns];

    /// <summary>
    /// Links an account query to the account's promises the daily check may need whatever the fiscal year's first month (the
    /// fiscal year is read with the collections settings, after the accounts): the open ones and those promised for on or after
    /// the earliest start a fiscal year containing <paramref name="now"/> can have. An outer join with the conditions inside the
    /// join, so an account without such a promise still comes back, once; an account with several comes back once per promise.
    /// <see cref="OfTheDay"/> keeps exactly what <c>DailyFilter</c> reads once the first month is known.
    /// </summary>
    public static void LinkDay(QueryExpression accountQuery, DateTime now)
    {
        var link = accountQuery.AddLink(PromiseTable.EntityLogicalName, Account.Fields.AccountId, PromiseTable.Fields.AccountId, JoinOperator.LeftOuter);
        link.EntityAlias = DayPromiseAlias;
        link.Columns = new ColumnSet(LinkedColumns);
        var earliestStart = Enumerable.Range(1, 12).Min(month => FiscalYear.StartOf(now, month));
        link.LinkCriteria.AddFilter(DailyFilter(earliestStart));
    }

    /// <summary>
    /// Takes <see cref="LinkDay"/>'s rows apart: each account's row once, without the linked columns (as the accounts query alone
    /// returns it), in the order first seen, and each account's linked promises as rows of their own (id, the daily check's
    /// columns and the account), once each.
    /// </summary>
    public static List<Entity> TakeLinkedDay(IEnumerable<Entity> rows, out Dictionary<Guid, List<Entity>> promises)
    {
        var accounts = new Dictionary<Guid, Entity>();
        var order = new List<Entity>();
        promises = [];
        var seen = new HashSet<Guid>();
        var prefix = DayPromiseAlias + ".";
        foreach (var row in rows)
        {
            var promise = row.GetAttributeValue<AliasedValue>(prefix + PromiseTable.Fields.PromiseToPayId)?.Value is Guid id
                ? new Entity(PromiseTable.EntityLogicalName, id)
                : null;
            foreach (var key in row.Attributes.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                if (promise is not null && row[key] is AliasedValue { Value: { } value })
                {
                    promise[key.Substring(prefix.Length)] = value;
                }

                row.Attributes.Remove(key);
            }

            if (!accounts.ContainsKey(row.Id))
            {
                accounts[row.Id] = row;
                order.Add(row);
            }

            if (promise is not null && seen.Add(promise.Id))
            {
                promise[PromiseTable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, row.Id);
                if (!promises.TryGetValue(row.Id, out var own))
                {
                    promises[row.Id] = own = [];
                }

                own.Add(promise);
            }
        }

        return order;
    }

    /// <summary>
    /// The linked promises <c>DailyFilter</c> would have read for the fiscal year's first month: open, or promised for on or
    /// after the fiscal year's start (a date compared as the query's on-or-after compares it).
    /// </summary>
    public static Dictionary<Guid, List<Entity>> OfTheDay(Dictionary<Guid, List<Entity>> linked, DateTime now, int fiscalYearStartMonth)
    {
        var start = FiscalYear.StartOf(now, fiscalYearStartMonth).Date;
        return linked.ToDictionary(
            pair => pair.Key,
            pair => pair.Value
                .Where(row => row.ChoiceOrNull(PromiseTable.Fields.PromiseStatus) == (int)PromiseToPayStatus.Open
                    || row.GetAttributeValue<DateTime?>(PromiseTable.Fields.PromisedFor)?.Date >= start)
                .ToList());
    }
}
