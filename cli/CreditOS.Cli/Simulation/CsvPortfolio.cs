using System.Globalization;
using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.History;
using CsvHelper;
using CsvHelper.Configuration;

namespace CreditOS.Cli.Simulation;

/// <summary>
/// A portfolio from a CSV export: the receivables in the backtest's format (<see cref="ArHistoryCsv"/>: one row per
/// invoice with its settlement date; each settled invoice is paid in full on that date) and, optionally, the orders
/// (<c>customer_id,order_id,order_date,amount,status</c>, status open / invoiced / fulfilled / cancelled, an optional
/// <c>channel</c> column). Without an orders file each invoice stands for the order behind it, placed on its invoice
/// date and naming it (<see cref="OrderRecord.InvoiceId"/>: the invoice is the order's own amount, not exposure before
/// it). The replay ends the day after the latest date in the files. One currency; segments are unknown, so every
/// customer is read against the default revenue reference.
/// </summary>
internal static class CsvPortfolio
{
    private const string OrderHeader = "customer_id,order_id,order_date,amount,status";
    private const string DefaultChannel = "Sales";

    public static (IReadOnlyList<CustomerHistory> Portfolio, DateTime AsOf) Read(string receivablesPath, string? ordersPath, string currency, TextWriter error)
    {
        var invoices = ArHistoryFile.Read(new FileInfo(receivablesPath), "simulate", error);

        var orders = ordersPath is null ? null : ReadOrders(ordersPath);
        var latest = invoices.Select(i => i.SettledDate ?? i.InvoiceDate).Concat(invoices.Select(i => i.InvoiceDate))
            .Concat(orders?.Select(o => o.Order.OrderDate) ?? []).DefaultIfEmpty(DateTime.MinValue).Max();
        if (latest == DateTime.MinValue)
        {
            throw new BacktestFormatException(1, "the file has no invoice; nothing to replay.");
        }

        var byCustomer = invoices.GroupBy(i => i.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ordersByCustomer = orders?.GroupBy(o => o.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(o => o.Order).ToList(), StringComparer.Ordinal);
        var customers = byCustomer.Keys.Concat(ordersByCustomer?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal);
        var portfolio = customers.Select(id =>
        {
            var rows = byCustomer.TryGetValue(id, out var found) ? found : [];
            return new CustomerHistory
            {
                CustomerId = id,
                Currency = currency,
                Invoices = rows.Select(r => new InvoiceRecord(r.InvoiceId, r.InvoiceDate, r.DueDate, r.Amount, r.SettledDate, r.Disputed)).ToList(),
                Payments = rows.Where(r => r.SettledDate is not null)
                    .Select(r => new PaymentRecord("PAY-" + r.InvoiceId, r.SettledDate!.Value, r.Amount, [new PaymentAllocation(r.InvoiceId, r.Amount)])).ToList(),
                Orders = ordersByCustomer is null
                    ? rows.Select(r => new OrderRecord("ORD-" + r.InvoiceId, r.InvoiceDate, r.Amount, OrderStatus.Fulfilled, DefaultChannel, InvoiceId: r.InvoiceId)).ToList()
                    : ordersByCustomer.TryGetValue(id, out var own) ? own : [],
            };
        }).ToList();
        return (portfolio, latest.Date.AddDays(1));
    }

    private static List<(string CustomerId, OrderRecord Order)> ReadOrders(string path)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().TrimStart('\uFEFF').ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new BacktestFormatException(1, "the orders file is empty; expected the header '" + OrderHeader + "'.");
        }

        var header = csv.HeaderRecord ?? [];
        var missing = OrderHeader.Split(',').Where(c => !header.Any(h => string.Equals(h.Trim().TrimStart('\uFEFF'), c, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            throw new BacktestFormatException(1, "the orders file's header lacks " + string.Join(", ", missing) + "; expected '" + OrderHeader + "'.");
        }

        var orders = new List<(string, OrderRecord)>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var customer = Required(csv, "customer_id", line);
            var id = Required(csv, "order_id", line);
            if (!DateTime.TryParseExact(Required(csv, "order_date", line), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new BacktestFormatException(line, "order_date must be a date written yyyy-MM-dd.");
            }

            if (!decimal.TryParse(Required(csv, "amount", line), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
            {
                throw new BacktestFormatException(line, "amount must be a number of at least 0 with a dot for decimals.");
            }

            if (!Enum.TryParse<OrderStatus>(Required(csv, "status", line), ignoreCase: true, out var status) || !Enum.IsDefined(typeof(OrderStatus), status))
            {
                throw new BacktestFormatException(line, "status must be one of " + string.Join(", ", Enum.GetNames<OrderStatus>()).ToLowerInvariant() + ".");
            }

            var channel = csv.TryGetField<string>("channel", out var named) && !string.IsNullOrWhiteSpace(named) ? named : DefaultChannel;
            orders.Add((customer, new OrderRecord(id, date, amount, status, channel)));
        }

        return orders;
    }

    private static string Required(CsvReader csv, string column, int line) =>
        csv.TryGetField<string>(column, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new BacktestFormatException(line, column + " is empty.");
}
