using BenchmarkDotNet.Attributes;
using CreditOS.CreditEngine.Collections;

namespace CreditOS.Benchmarks.Engine;

/// <summary>
/// Building one collector's worklist over 10,000 open invoices (500 accounts × 20): each invoice's prediction from its
/// account's payment behaviour (as the daily batch has it in hand), then the ranking with reasons and next actions.
/// </summary>
[MemoryDiagnoser]
public class CollectionsWorklistBenchmarks
{
    private const int Accounts = 500;
    private const int InvoicesPerAccount = 20;
    private static readonly DateTime Today = new(2026, 6, 1);
    private readonly List<(PaymentBehaviour Behaviour, InvoiceToPredict[] Invoices)> _book = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20_260_601);
        for (var a = 0; a < Accounts; a++)
        {
            var behaviour = new PaymentBehaviour();
            var habit = random.Next(-10, 30);
            for (var i = 0; i < 24; i++)
            {
                behaviour.AddSettled(habit + random.Next(-8, 9), random.Next(20) == 0, 1, random.Next(500, 50_000));
            }

            var invoices = Enumerable.Range(0, InvoicesPerAccount).Select(_ =>
            {
                var issued = Today.AddDays(-random.Next(0, 120));
                var amount = (decimal)random.Next(500, 50_000);
                return new InvoiceToPredict(issued, issued.AddDays(30), amount, amount, random.Next(25) == 0);
            }).ToArray();
            _book.Add((behaviour, invoices));
        }
    }

    [Benchmark(Description = "Collector worklist, 10,000 open invoices")]
    public int BuildWorklist()
    {
        var lines = new List<WorklistInvoice>(Accounts * InvoicesPerAccount);
        var model = InvoicePredictionModel.Default;
        for (var a = 0; a < _book.Count; a++)
        {
            var (behaviour, invoices) = _book[a];
            for (var i = 0; i < invoices.Length; i++)
            {
                var invoice = invoices[i];
                var prediction = InvoicePaymentPredictor.Predict(invoice, behaviour, Today, model);
                lines.Add(new WorklistInvoice("I" + i, "A" + a, "Account " + a, invoice.DueDate, invoice.OpenAmount, invoice.Disputed, prediction));
            }
        }

        return CollectionsWorklist.Build(lines, Today).Count;
    }
}
