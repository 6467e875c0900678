using System.Xml.Linq;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The grouped results of the aggregate queries one transaction ran, so the pages of a grouped aggregate (5,000 result
/// rows each, asked for by page number) are cut from one computation instead of re-aggregating every row for each page.
/// SQL Server answers each page from an indexed plan; this in-memory engine would otherwise scan and group the whole
/// set once per page (a page of 250 customers × 100 invoices grouped by day: ~22,000 result rows, five scans).
/// <para>Nothing stale is ever served: an entry is valid only for the same query text apart from its page (the
/// <c>page</c> and <c>paging-cookie</c> attributes), the same caller, the same committed data (the store's commit
/// count) and the same own writes of the transaction (its write count); a query with a condition relative to the clock
/// also keys on the clock's moment. Any commit anywhere or any write in the transaction empties the cache, so every
/// page answers exactly what a fresh aggregation would. Results are the engine's own instances, never handed out: the
/// caller copies before returning them.</para>
/// </summary>
internal sealed class AggregateResultCache
{
    /// <summary>Enough for the six history aggregates of a rescoring page read one after the other; the oldest goes first.</summary>
    private const int MaximumEntries = 8;

    private readonly Dictionary<AggregateKey, Entry> _entries = new();
    private readonly Queue<AggregateKey> _order = new();
    private (long Committed, long OwnWrites) _view = (-1, -1);

    /// <summary>Aggregations computed and served from the cache (for tests and diagnostics).</summary>
    public int Computed { get; private set; }

    public int Served { get; private set; }

    /// <summary>
    /// The key of an aggregate query apart from its page, or null when it cannot be cached (not FetchXML, or FetchXML
    /// this key cannot read: the engine's own parser then reports it).
    /// </summary>
    public static AggregateKey? KeyOf(Microsoft.Xrm.Sdk.Query.QueryBase query, QueryPlan plan, Guid callerId, DateTime now)
    {
        if (query is not Microsoft.Xrm.Sdk.Query.FetchExpression fetch || plan.Aggregate is null)
        {
            return null;
        }

        var clock = plan.ReadsClock ? now.Ticks : AggregateKey.NoClock;
        var text = FetchStartTag.WithoutPaging(fetch.Query);
        if (text is null)
        {
            try
            {
                var root = XElement.Parse(fetch.Query);
                root.Attribute("page")?.Remove();
                root.Attribute("paging-cookie")?.Remove();
                text = root.ToString(SaveOptions.DisableFormatting);
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }
        }

        return new AggregateKey(callerId, clock, text);
    }

    /// <summary>The cached results of the query, computing them when the view of the data changed or the query is new.</summary>
    public (List<Entity> Results, int RowsExamined) GetOrCompute(AggregateKey key, long committed, long ownWrites, Func<(List<Entity> Results, int RowsExamined)> compute)
    {
        if (_view != (committed, ownWrites))
        {
            _entries.Clear();
            _order.Clear();
            _view = (committed, ownWrites);
        }

        if (_entries.TryGetValue(key, out var entry))
        {
            Served++;
            return (entry.Results, entry.RowsExamined);
        }

        var computed = compute();
        Computed++;
        if (_order.Count == MaximumEntries)
        {
            _entries.Remove(_order.Dequeue());
        }

        _entries[key] = new Entry(computed.Results, computed.RowsExamined);
        _order.Enqueue(key);
        return computed;
    }

    private sealed record Entry(List<Entity> Results, int RowsExamined);
}

/// <summary>
/// What an aggregate's cached results are kept under: the caller, the clock's moment when a condition reads the clock
/// (<see cref="NoClock"/> otherwise) and the query's text apart from its page. A value, not the three joined into one string
/// (session 29: that string, the whole FetchXML text long, was made on every aggregate query); texts compare ordinally.
/// </summary>
internal readonly record struct AggregateKey(Guid CallerId, long ClockTicks, string Text)
{
    public const long NoClock = -1;
}
