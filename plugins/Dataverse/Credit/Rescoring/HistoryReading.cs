using CreditOS.CreditEngine.History;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>Open receivable amount grouped by days past due (negative = not yet due).</summary>
public readonly record struct OpenItem(int DaysPastDue, decimal OpenAmount);

/// <summary>
/// The history summary, the open items by age (from which overdue beyond any grace period follows) and how many of the
/// customer's orders are still open (and how many of those are on credit hold).
/// </summary>
public sealed class HistoryReading(HistorySummary summary, IReadOnlyList<OpenItem> openItems, int openOrderCount, int heldOrderCount = 0)
{
    public HistorySummary Summary { get; } = summary;

    public IReadOnlyList<OpenItem> OpenItems { get; } = openItems;

    public int OpenOrderCount { get; } = openOrderCount;

    public int HeldOrderCount { get; } = heldOrderCount;

    public decimal OverdueBeyond(int graceDays) => OpenItems.Where(i => i.DaysPastDue > graceDays).Sum(i => i.OpenAmount);
}
