using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Tests.Builders;

/// <summary>Fluent builder for customer histories: ACustomer().WithInvoice(...).PaidDaysLate(...).</summary>
internal sealed class HistoryBuilder
{
    public static readonly DateTime AsOf = new(2026, 6, 30);

    private readonly List<InvoiceRecord> invoices = [];
    private readonly List<PaymentRecord> payments = [];
    private readonly List<OrderRecord> orders = [];
    private readonly List<PromiseToPay> promises = [];
    private readonly List<BureauReport> reports = [];
    private CustomerFlags flags = CustomerFlags.None;
    private CustomerSegment segment = new("Manufacturing", "Regular");
    private string currency = "USD";

    public static HistoryBuilder ACustomer() => new();

    public HistoryBuilder InCurrency(string code)
    {
        currency = code;
        return this;
    }

    public HistoryBuilder InSegment(string industry, string group)
    {
        segment = new CustomerSegment(industry, group);
        return this;
    }

    /// <summary>An invoice issued <paramref name="daysAgo"/> days before <see cref="AsOf"/>, net 30, settled <paramref name="daysLate"/> days after due (null = open).</summary>
    public HistoryBuilder WithInvoice(int daysAgo, decimal amount, int? daysLate, bool disputed = false, int netDays = 30)
    {
        var invoiceDate = AsOf.AddDays(-daysAgo);
        var due = invoiceDate.AddDays(netDays);
        DateTime? settled = daysLate is { } late ? due.AddDays(late) : null;
        invoices.Add(new InvoiceRecord("INV-" + (invoices.Count + 1), invoiceDate, due, amount, settled, disputed));
        return this;
    }

    /// <summary>One invoice a month for <paramref name="months"/> months, each paid <paramref name="daysLate"/> days after due.</summary>
    public HistoryBuilder WithMonthlyInvoices(int months, decimal amount, int daysLate)
    {
        for (var month = 1; month <= months; month++)
        {
            WithInvoice((month * 30) + 5, amount, daysLate);
            orders.Add(new OrderRecord("SO-" + orders.Count, AsOf.AddDays(-(month * 30) - 40), amount, OrderStatus.Fulfilled, "Sales"));
        }

        return this;
    }

    public HistoryBuilder WithInvoiceRecord(InvoiceRecord invoice)
    {
        invoices.Add(invoice);
        return this;
    }

    public HistoryBuilder WithPayment(PaymentRecord payment)
    {
        payments.Add(payment);
        return this;
    }

    public HistoryBuilder WithOrder(OrderRecord order)
    {
        orders.Add(order);
        return this;
    }

    public HistoryBuilder WithPromise(PromiseToPay promise)
    {
        promises.Add(promise);
        return this;
    }

    public HistoryBuilder WithBureauReport(int daysAgo, int solvency, BureauRating rating, int judgments = 0, decimal? recommended = null, int privileges = 0, int dbt = 0)
    {
        reports.Add(new BureauReport(AsOf.AddDays(-daysAgo), solvency, rating, recommended, dbt, judgments, 0, privileges));
        return this;
    }

    public HistoryBuilder Flagged(bool fraud = false, bool manualHold = false)
    {
        flags = new CustomerFlags(fraud, manualHold);
        return this;
    }

    public CustomerHistory Build() => new()
    {
        CustomerId = "CUST-1",
        Currency = currency,
        Segment = segment,
        Invoices = invoices.ToList(),
        Payments = payments.ToList(),
        Orders = orders.ToList(),
        Promises = promises.ToList(),
        BureauReports = reports.ToList(),
        Flags = flags,
    };

    public HistorySummary Summary() => HistorySummarizer.Summarize(Build(), AsOf);
}
