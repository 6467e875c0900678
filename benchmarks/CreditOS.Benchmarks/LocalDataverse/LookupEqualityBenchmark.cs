using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.LocalDataverse;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// An equality query on a lookup column among 1,000,000 rows, through the organization service
/// (transaction, query engine, index seek, copies out). The rows have only an id and the lookup, so the
/// million fit comfortably in memory; the index path is the same for any table.
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*LookupEquality*'
/// It runs in-process (loading a million rows takes about a minute; a separate benchmark build is not worth it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class LookupEqualityBenchmark : IDisposable
{
    private const int RowCount = 1_000_000;
    private const int ParentCount = 100_000;
    private const string ParentTable = "bench_parent";
    private const string RowTable = "bench_row";
    private const string ParentLookup = "bench_parentid";

    private CreditOS.LocalDataverse.LocalDataverse _dataverse = null!;
    private IOrganizationService _service = null!;
    private QueryExpression _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataverse = new CreditOS.LocalDataverse.LocalDataverse(new LocalDataverseOptions { Metadata = Catalog() });
        _service = _dataverse.GetOrganizationService();
        var parents = new Guid[ParentCount];
        for (var i = 0; i < ParentCount; i++)
        {
            parents[i] = _service.Create(new Entity(ParentTable));
        }

        for (var i = 0; i < RowCount; i++)
        {
            _service.Create(new Entity(RowTable) { [ParentLookup] = new EntityReference(ParentTable, parents[i % ParentCount]) });
        }

        _query = new QueryExpression(RowTable) { ColumnSet = new ColumnSet(ParentLookup) };
        _query.Criteria.AddCondition(ParentLookup, ConditionOperator.Equal, parents[ParentCount / 2]);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _dataverse?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Returns the 10 rows pointing at one parent.</summary>
    [Benchmark]
    public int EqualityOnLookupAmongOneMillionRows() => _service.RetrieveMultiple(_query).Entities.Count;

    private static MetadataCatalog Catalog()
    {
        static ColumnDefinition Column(string name, ColumnType type, params string[] targets) => new()
        {
            LogicalName = name, SchemaName = name, DisplayName = name, Type = type, Targets = targets,
        };

        static TableDefinition Table(string name, params ColumnDefinition[] columns) => new()
        {
            LogicalName = name,
            SchemaName = name,
            EntitySetName = name + "s",
            DisplayName = name,
            DisplayCollectionName = name + "s",
            PrimaryIdAttribute = name + "id",
            Ownership = OwnershipType.OrganizationOwned,
            IsCustom = true,
            Columns = columns.Append(Column(name + "id", ColumnType.PrimaryKey)).ToDictionary(c => c.LogicalName),
        };

        return new MetadataCatalog(
            [Table(ParentTable), Table(RowTable, Column(ParentLookup, ColumnType.Lookup, ParentTable))],
            []);
    }

    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() =>
            AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
    }
}
