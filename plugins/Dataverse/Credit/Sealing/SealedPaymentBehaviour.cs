using System.Globalization;
using System.Text;
using CreditOS.CreditEngine.Collections;

namespace CreditOS.Dataverse.Credit.Sealing;

/// <summary>
/// Session 28: what a two-call night's scoring call hands its collections call so that call need not read the page's receivables
/// again (<c>HistoryAggregates.ReadLedger</c>, about one call per 5,000 rows) nor the configuration (3 calls) for the worklist's
/// materiality: each account's payment behaviour summed from the settled rows the scoring read
/// (<c>CollectionsRefresh.SettledBehaviour</c>: nine figures, not the rows) with the configuration's material worklist change,
/// sealed as a picture is (<see cref="SealedPicture"/>: encrypted, then an HMAC over the purpose, the account and the cipher text)
/// for that account and the page's day. The integration worker carries the text and cannot read, change or forge it: a line that
/// does not open for its account, or was sealed on another day, is refused and that account's settled rows are read as before.
/// Text form: one line an account, <c>{account id} {sealed}</c>.
/// </summary>
public static class SealedPaymentBehaviour
{
    /// <summary>The purpose in the seal's MAC, in place of a table: an account's sealed picture never opens as its behaviour, nor the reverse.</summary>
    public const string Purpose = "cos_settledpaymentbehaviour";

    private const string UndisputedOutcomes = "uo";
    private const string UndisputedDays = "ud";
    private const string DisputedOutcomes = "do";
    private const string DisputedDays = "dd";
    private const string LateOutcomes = "lo";
    private const string LateDays = "ld";
    private const string OpenOverdue = "oo";
    private const string Invoices = "in";
    private const string InvoicedAmount = "ia";
    private const string MaterialityThreshold = "mt";

    /// <summary>One account's settled behaviour and the materiality, sealed for it and the day.</summary>
    public static string Seal(byte[] key, Guid accountId, DateTime day, PaymentBehaviour settled, WorklistMateriality materiality) =>
        SealedPicture.Seal(
            key,
            Purpose,
            accountId,
            DayNumber(day),
            [
                new(UndisputedOutcomes, settled.UndisputedOutcomes),
                new(UndisputedDays, settled.UndisputedDaysVsDue),
                new(DisputedOutcomes, settled.DisputedOutcomes),
                new(DisputedDays, settled.DisputedDaysVsDue),
                new(LateOutcomes, settled.LateOutcomes),
                new(LateDays, settled.DaysLateOfLateOutcomes),
                new(OpenOverdue, settled.OpenOverdue),
                new(Invoices, settled.Invoices),
                new(InvoicedAmount, settled.InvoicedAmount),
                new(MaterialityThreshold, materiality.Threshold),
            ]);

    /// <summary>
    /// The behaviour sealed for this account on this day; null when the text does not open for it (changed, forged with another
    /// key, another account's, a picture) or was sealed on another day (expired).
    /// </summary>
    public static OpenedBehaviour? Open(byte[] key, Guid accountId, DateTime day, string? sealedText)
    {
        var opened = SealedPicture.Open(key, Purpose, accountId, sealedText);
        if (opened is null || opened.Basis != DayNumber(day))
        {
            return null;
        }

        var figures = opened.Columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        return new OpenedBehaviour(
            PaymentBehaviour.Of(
                (int)figures[UndisputedOutcomes]!,
                (double)figures[UndisputedDays]!,
                (int)figures[DisputedOutcomes]!,
                (double)figures[DisputedDays]!,
                (int)figures[LateOutcomes]!,
                (double)figures[LateDays]!,
                (int)figures[OpenOverdue]!,
                (int)figures[Invoices]!,
                (decimal)figures[InvoicedAmount]!),
            new WorklistMateriality((decimal)figures[MaterialityThreshold]!));
    }

    /// <summary>The page's lines: each account's sealed behaviour.</summary>
    public static string Write(IEnumerable<KeyValuePair<Guid, string>> sealedByAccount)
    {
        var text = new StringBuilder();
        foreach (var pair in sealedByAccount)
        {
            text.Append(pair.Key.ToString("D")).Append(' ').Append(pair.Value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The sealed text of each account in the caller's lines, the last line of an account winning (the worker appends a raced
    /// account's fresh scoring); a line that is not an id and a text is ignored (the account's rows are then read).
    /// </summary>
    public static Dictionary<Guid, string> Read(string? lines)
    {
        var byAccount = new Dictionary<Guid, string>();
        foreach (var line in (lines ?? string.Empty).Split('\n'))
        {
            var space = line.IndexOf(' ');
            if (space > 0 && Guid.TryParse(line.Substring(0, space), out var account))
            {
                byAccount[account] = line.Substring(space + 1).Trim();
            }
        }

        return byAccount;
    }

    /// <summary>The day as yyyymmdd, the seal's basis.</summary>
    private static long DayNumber(DateTime day) =>
        long.Parse(day.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>An opened behaviour: the settled receivables' figures and the material worklist change the scoring call read.</summary>
public sealed class OpenedBehaviour(PaymentBehaviour settled, WorklistMateriality materiality)
{
    public PaymentBehaviour Settled { get; } = settled;

    public WorklistMateriality Materiality { get; } = materiality;
}
