using BenchmarkDotNet.Attributes;
using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Benchmarks.Query;

/// <summary>
/// An equality query on a lookup column among 1,000,000 rows (100,000 accounts, ten receivables each),
/// answered through the lookup index. Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*LookupEquality*'
/// </summary>
[MemoryDiagnoser]
public class LookupEqualityQueryBenchmark
{
    private const int Accounts = 100_000;
    private const int ReceivablesPerAccount = 10;
    private const string Account = "account";
    private const string Receivable = "cos_receivable";
    private const string AccountLookup = "cos_accountid";
    private const string Amount = "cos_amount";

    private QueryEngine _engine = null!;
    private QueryExpression _expression = null!;
    private FetchExpression _fetch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = new IndexedRowSource(Catalog());
        var random = new Random(20260318);
        Guid probe = default;
        for (var account = 0; account < Accounts; account++)
        {
            var accountId = Guid.NewGuid();
            var reference = new EntityReference(Account, accountId);
            for (var receivable = 0; receivable < ReceivablesPerAccount; receivable++)
            {
                var id = Guid.NewGuid();
                var row = new Entity(Receivable, id);
                row["cos_receivableid"] = id;
                row[AccountLookup] = reference;
                row[Amount] = new Money(random.Next(1, 100_000));
                rows.Add(row);
            }

            if (account == Accounts / 2)
            {
                probe = accountId;
            }
        }

        _engine = new QueryEngine(rows, TimeProvider.System);
        _expression = new QueryExpression(Receivable) { ColumnSet = new ColumnSet(Amount) };
        _expression.Criteria.AddCondition(AccountLookup, ConditionOperator.Equal, probe);
        _fetch = new FetchExpression(
            $"<fetch><entity name='{Receivable}'><attribute name='{Amount}' /><filter><condition attribute='{AccountLookup}' operator='eq' value='{probe}' /></filter></entity></fetch>");
    }

    [Benchmark(Baseline = true)]
    public int QueryExpressionOnLookup() => _engine.Execute(_expression).Entities.Entities.Count;

    [Benchmark]
    public int FetchXmlOnLookup() => _engine.Execute(_fetch).Entities.Entities.Count;

    private static MetadataCatalog Catalog() => new(
        [
            Table(Account, "accountid", Column("accountid", ColumnType.PrimaryKey)),
            Table(Receivable, "cos_receivableid",
                Column("cos_receivableid", ColumnType.PrimaryKey),
                Column(AccountLookup, ColumnType.Lookup),
                Column(Amount, ColumnType.Money)),
        ],
        []);

    private static TableDefinition Table(string name, string primaryId, params ColumnDefinition[] columns) => new()
    {
        LogicalName = name,
        SchemaName = name,
        EntitySetName = name + "s",
        DisplayName = name,
        DisplayCollectionName = name + "s",
        PrimaryIdAttribute = primaryId,
        Columns = columns.ToDictionary(column => column.LogicalName, StringComparer.Ordinal),
    };

    private static ColumnDefinition Column(string name, ColumnType type) => new()
    {
        LogicalName = name,
        SchemaName = name,
        DisplayName = name,
        Type = type,
    };
}
