using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Solution.Metadata;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Scheduling;

/// <summary>
/// Writes the rows a nightly page handed back (cos_RescoreAccountPage with ReturnWorklistRows, session 21) with
/// UpdateMultiple, up to <see cref="MaximumRowsPerRequest"/> rows of one table a request, through the client's $batch path
/// (429 and 5xx retried as for every write). Rows are collected across pages so a request carries as many as it may. Each
/// row names the row version its figures were computed from; the table's step drops a row another writer changed meanwhile
/// (UpdateMultiple does not apply ConcurrencyBehavior), so a refused request is not a race: it is split in halves and sent
/// again, down to one row, which is then logged and left to the next night. The rows come as plain JSON by logical name
/// (the plug-in's PageRowsJson); lookups become @odata.bind through the solution's navigation properties, the rest is sent
/// as it came.
/// </summary>
public sealed partial class PageRowsBulkWriter(DataverseWebApiClient client, ILogger logger)
{
    /// <summary>Rows per UpdateMultiple request: Microsoft's suggested starting size for standard tables ("Use bulk operation messages").</summary>
    public const int MaximumRowsPerRequest = 1000;

    private const string UpdateMultiple = "Microsoft.Dynamics.CRM.UpdateMultiple";
    private const string CreateMultiple = "Microsoft.Dynamics.CRM.CreateMultiple";

    /// <summary>The page's clear pair of a sealed history row and its account (the plug-in's SealedPageRows.AccountPairKey).</summary>
    private const string AccountPairKey = "#account";
    private readonly Dictionary<string, List<JsonObject>> _pending = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes one scoring page's sealed rows (session 25) so that a score-history row never records a picture its account did not
    /// take (session 26): the accounts first with UpdateMultiple (each request up to 1,000 rows); the guard refuses a request with an
    /// account another writer changed after the page read it (ChangedMeanwhile), the request is split down to that account, and the
    /// others are written. Then the history rows of the accounts written, and only those, with CreateMultiple. The two requests are
    /// not one transaction: a stop between them leaves accounts written without their history rows (a missing audit row, never a
    /// false one; integration/README, session 26). Returns the accounts refused as changed meanwhile, for the caller to score again.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> WriteSealedPageAsync(string? history, string? accounts, CancellationToken cancellationToken)
    {
        var catalog = SolutionMetadataLoader.LoadEmbedded();
        var written = new HashSet<Guid>();
        var changedMeanwhile = new List<Guid>();
        foreach (var (table, rows) in Targets(catalog, accounts))
        {
            foreach (var chunk in rows.Chunk(MaximumRowsPerRequest))
            {
                var outcome = await WriteRowsAsync(table, [.. chunk], UpdateMultiple, cancellationToken).ConfigureAwait(false);
                written.UnionWith(outcome.Written.Select(row => AccountOf(row, table.PrimaryIdAttribute)));
                changedMeanwhile.AddRange(outcome.ChangedMeanwhile.Select(row => AccountOf(row, table.PrimaryIdAttribute)));
            }
        }

        foreach (var (table, rows) in PairedHistory(catalog, history))
        {
            var due = rows.Where(pair => written.Contains(pair.Account)).Select(pair => pair.Row).ToList();
            if (due.Count < rows.Count)
            {
                LogHistoryNotCreated(rows.Count - due.Count);
            }

            foreach (var chunk in due.Chunk(MaximumRowsPerRequest))
            {
                await WriteAsync(table, [.. chunk], CreateMultiple, cancellationToken).ConfigureAwait(false);
            }
        }

        return changedMeanwhile;
    }

    /// <summary>UpdateMultiple and CreateMultiple requests sent (each one request to Dataverse, whatever its rows) and the rows they carried.</summary>
    public int Requests { get; private set; }

    public int Rows { get; private set; }

    /// <summary>Adds a page's rows (<c>{"table":[rows]}</c>) and sends every full request.</summary>
    public async Task AddAsync(string? pageRows, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(pageRows))
        {
            return;
        }

        var catalog = SolutionMetadataLoader.LoadEmbedded();
        foreach (var (tableName, rows) in JsonNode.Parse(pageRows)!.AsObject())
        {
            var table = catalog.FindTable(tableName) ?? throw new InvalidOperationException($"The page handed back rows of '{tableName}', a table the solution does not have.");
            if (!_pending.TryGetValue(tableName, out var pending))
            {
                _pending[tableName] = pending = [];
            }

            foreach (var row in rows!.AsArray())
            {
                pending.Add(Target(catalog, table, row!.AsObject()));
            }

            while (pending.Count >= MaximumRowsPerRequest)
            {
                var full = pending.Take(MaximumRowsPerRequest).ToList();
                pending.RemoveRange(0, MaximumRowsPerRequest);
                await WriteAsync(table, full, UpdateMultiple, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends what is left.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var catalog = SolutionMetadataLoader.LoadEmbedded();
        foreach (var (tableName, pending) in _pending.Where(p => p.Value.Count > 0).ToList())
        {
            var rows = pending.ToList();
            pending.Clear();
            await WriteAsync(catalog.FindTable(tableName)!, rows, UpdateMultiple, cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<(TableDefinition Table, List<JsonObject> Rows)> Targets(MetadataCatalog catalog, string? pageRows)
    {
        var tables = new List<(TableDefinition, List<JsonObject>)>();
        if (string.IsNullOrWhiteSpace(pageRows))
        {
            return tables;
        }

        foreach (var (tableName, rows) in JsonNode.Parse(pageRows)!.AsObject())
        {
            var table = catalog.FindTable(tableName) ?? throw new InvalidOperationException($"The page handed back rows of '{tableName}', a table the solution does not have.");
            tables.Add((table, [.. rows!.AsArray().Select(row => Target(catalog, table, row!.AsObject()))]));
        }

        return tables;
    }

    /// <summary>The history rows with the account each records (the page's clear pair, stripped from the row sent).</summary>
    private static List<(TableDefinition Table, List<(Guid Account, JsonObject Row)> Rows)> PairedHistory(MetadataCatalog catalog, string? pageRows)
    {
        var tables = new List<(TableDefinition, List<(Guid, JsonObject)>)>();
        if (string.IsNullOrWhiteSpace(pageRows))
        {
            return tables;
        }

        foreach (var (tableName, rows) in JsonNode.Parse(pageRows)!.AsObject())
        {
            var table = catalog.FindTable(tableName) ?? throw new InvalidOperationException($"The page handed back rows of '{tableName}', a table the solution does not have.");
            var paired = new List<(Guid, JsonObject)>();
            foreach (var row in rows!.AsArray().Select(r => r!.AsObject().DeepClone().AsObject()))
            {
                var account = row[AccountPairKey]?.GetValue<string>() is { } text ? Guid.Parse(text) : throw new InvalidOperationException($"A sealed {tableName} row came without its account ('{AccountPairKey}').");
                row.Remove(AccountPairKey);
                paired.Add((account, Target(catalog, table, row)));
            }

            tables.Add((table, paired));
        }

        return tables;
    }

    private static Guid AccountOf(JsonObject target, string primaryId) => Guid.Parse(target[primaryId]!.GetValue<string>());

    /// <summary>One row as an UpdateMultiple target: its type, its key, its columns (lookups bound by navigation property).</summary>
    private static JsonObject Target(MetadataCatalog catalog, TableDefinition table, JsonObject row)
    {
        var target = new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM." + table.LogicalName };
        foreach (var (name, value) in row)
        {
            var column = table.FindColumn(name) ?? throw new InvalidOperationException($"The page handed back column '{name}', which '{table.LogicalName}' does not have.");
            if (column.Type is ColumnType.Lookup)
            {
                var targetTable = catalog.FindTable(column.Targets.Single())!;
                var navigation = NavigationProperties.For(catalog, table.LogicalName, column.LogicalName, targetTable.LogicalName);
                if (value is null)
                {
                    target[navigation] = null;
                }
                else
                {
                    target[DataverseSchema.BindProperty(navigation)] = DataverseSchema.Bind(targetTable.EntitySetName, Guid.Parse(value.GetValue<string>()));
                }

                continue;
            }

            target[name] = value?.DeepClone();
        }

        return target;
    }

    /// <summary>Sends the rows with the bulk action, split in halves on a refusal; returns how many were written.</summary>
    private async Task<int> WriteAsync(TableDefinition table, List<JsonObject> rows, string action, CancellationToken cancellationToken) =>
        (await WriteRowsAsync(table, rows, action, cancellationToken).ConfigureAwait(false)).Written.Count;

    /// <summary>
    /// Sends the rows with the bulk action, split in halves on a refusal; returns the rows written and the single rows refused because
    /// their account changed after the page read it (<see cref="SetBasedCustomerBaseRescorer.ChangedMeanwhileSubErrorCode"/>).
    /// </summary>
    private async Task<(List<JsonObject> Written, List<JsonObject> ChangedMeanwhile)> WriteRowsAsync(TableDefinition table, List<JsonObject> rows, string action, CancellationToken cancellationToken)
    {
        var written = new List<JsonObject>();
        var changedMeanwhile = new List<JsonObject>();
        var pending = new Stack<List<JsonObject>>();
        pending.Push(rows);
        while (pending.TryPop(out var request))
        {
            var body = new JsonObject { ["Targets"] = new JsonArray(request.Select(r => (JsonNode)r.DeepClone()).ToArray()) };
            var result = (await client.ExecuteBatchAsync([new BatchOperation(HttpMethod.Post, table.EntitySetName + "/" + action, body, BatchOperation.ErrorDetailsPreference)], cancellationToken).ConfigureAwait(false))[0];
            Requests++;
            if (result.Succeeded)
            {
                Rows += request.Count;
                written.AddRange(request);
            }
            else if (request.Count > 1 && !result.OutcomeUnknown)
            {
                // One transaction per request: nothing of it was written. Halves, so one bad row does not keep the others out.
                LogSplit(request.Count, table.LogicalName, result.ErrorMessage);
                pending.Push(request.Skip(request.Count / 2).ToList());
                pending.Push(request.Take(request.Count / 2).ToList());
            }
            else if (request.Count == 1 && result.SubErrorCode == SetBasedCustomerBaseRescorer.ChangedMeanwhileSubErrorCode)
            {
                changedMeanwhile.Add(request[0]);
            }
            else
            {
                LogNotWritten(request.Count, table.LogicalName, result.StatusCode, result.ErrorMessage);
            }
        }

        return (written, changedMeanwhile);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} sealed score-history row(s) of a nightly page not created because their accounts did not take their pictures")]
    private partial void LogHistoryNotCreated(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A bulk write of {Count} {Table} rows was refused, nothing written; sending it again in two halves ({Reason})")]
    private partial void LogSplit(int count, string table, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} {Table} row(s) of the nightly page not written ({Status}): {Reason}; the next night computes them again")]
    private partial void LogNotWritten(int count, string table, int status, string? reason);
}
