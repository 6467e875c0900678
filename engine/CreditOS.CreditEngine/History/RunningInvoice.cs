namespace CreditOS.CreditEngine.History;

/// <summary>An invoice as a <see cref="RunningHistorySummarizer"/> keeps it: its dates as day numbers from the customer's first invoice, and the outcome last applied.</summary>
internal sealed class RunningInvoice
{
    public RunningInvoice(InvoiceRecord record, DateTime origin)
    {
        Record = record;
        InvoiceDay = record.InvoiceDate.Date;
        Day = DayNumber(record.InvoiceDate, origin);
        DueDay = DayNumber(record.DueDate, origin);
        SettledDay = record.SettledDate is { } settled ? DayNumber(settled, origin) : null;
        TermsDays = (record.DueDate.Date - InvoiceDay).Days;
    }

    public InvoiceRecord Record { get; }

    public DateTime InvoiceDay { get; }

    public int Day { get; }

    public int DueDay { get; }

    public int? SettledDay { get; }

    public int TermsDays { get; }

    public decimal Amount => Record.Amount;

    public bool Disputed => Record.Disputed;

    /// <summary>The outcome the summarizer's figures hold for this invoice; meaningful once the invoice is known.</summary>
    public RunningOutcome Outcome { get; set; }

    public static int DayNumber(DateTime date, DateTime origin) => (date.Date - origin).Days;
}
