namespace CreditOS.CreditEngine.History;

/// <summary>
/// Open receivable balance by days past due as of the evaluation date. Plugins fill it with one FetchXML aggregate
/// <c>sum(open amount)</c> over open receivables grouped by aging bucket (or five filtered sums on the due date).
/// </summary>
public sealed record AgingBalance(decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90Days)
{
    public static AgingBalance Empty { get; } = new(0, 0, 0, 0, 0);

    public decimal Total => Current + Overdue;

    public decimal Overdue => Days1To30 + Days31To60 + Days61To90 + Over90Days;

    /// <summary>Balance more than 60 days past due.</summary>
    public decimal Over60Days => Days61To90 + Over90Days;

    public AgingBalance Add(AgingBalance other) =>
        new(Current + other.Current, Days1To30 + other.Days1To30, Days31To60 + other.Days31To60, Days61To90 + other.Days61To90, Over90Days + other.Over90Days);

    /// <summary>Adds an open amount that is <paramref name="daysPastDue"/> days past due (0 or less = current).</summary>
    public AgingBalance AddItem(decimal amount, int daysPastDue) => daysPastDue switch
    {
        <= 0 => this with { Current = Current + amount },
        <= 30 => this with { Days1To30 = Days1To30 + amount },
        <= 60 => this with { Days31To60 = Days31To60 + amount },
        <= 90 => this with { Days61To90 = Days61To90 + amount },
        _ => this with { Over90Days = Over90Days + amount },
    };
}
