using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreditOS.Cli.Configuration;

/// <summary>A column's proposed value as typed: <c>Column=value</c>, the column by display name or logical name.</summary>
public sealed record TypedSetting(string Column, string Value)
{
    /// <summary>"Hard cap=400000" → (Hard cap, 400000); refused without '='.</summary>
    public static TypedSetting Parse(string text)
    {
        var equals = (text ?? string.Empty).IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? throw new FormatException($"'{text}' is not Column=value (for example \"Hard cap=400000\").")
            : new TypedSetting(text![..equals].Trim(), text[(equals + 1)..].Trim());
    }
}

/// <summary>What was proposed: the change's id, its text and each column from its value now to the proposed one, in labels.</summary>
public sealed record ProposedChange(Guid ChangeId, string Table, string Row, string ChangeText, IReadOnlyList<string> Lines);

/// <summary>Values a person typed that a column does not take, each with its figures; nothing was proposed.</summary>
public sealed class SettingValuesException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The credit settings an administrator changes through configuration changes, read and proposed through the Web API as the
/// signed-in person (session 24, <c>creditos config</c>): <see cref="ListAsync"/> each table's rows with every column a change may
/// set, by display name, in labels, and where the rows are read; <see cref="ProposeAsync"/> the same <c>cos_configurationchange</c>
/// row the configuration change page creates (table, row id, <c>column = value</c> lines in the canonical form, delete flag), each
/// value checked first by <see cref="ColumnValues"/>. The server's guard decides the rest (who may propose, four-eyes, the basis).
/// </summary>
public sealed class CreditSettings(ConfigurationWebApi api)
{
    private const string ChangeSet = "cos_configurationchanges";
    private readonly TableDefinitionReader _definitions = new(api);
    private readonly Dictionary<string, IReadOnlyList<ColumnOption>> _rowsByTarget = new(StringComparer.Ordinal);

    /// <summary>Writes every table's rows and settings; <paramref name="onlyTable"/> narrows to one table (display or logical name).</summary>
    public async Task ListAsync(TextWriter output, string? onlyTable = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tables = onlyTable is null ? CreditSettingTables.Tables.ToList() : [await ResolveTableAsync(onlyTable).ConfigureAwait(false)];
        foreach (var logicalName in tables)
        {
            var table = await _definitions.ColumnsAsync(logicalName, CreditSettingTables.ColumnsOf(logicalName)).ConfigureAwait(false);
            output.WriteLine($"{table.Label} ({logicalName})");
            output.WriteLine("  Read by: " + CreditSettingTables.WhereReadOf(logicalName));
            output.WriteLine("  Changed by: a configuration change another Credit Administrator applies (creditos config propose, or the page).");
            var rows = await RowsAsync(table).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                output.WriteLine("  (no rows)");
            }

            var width = table.Columns.Values.Max(c => c.Label.Length + c.LogicalName.Length + 3);
            foreach (var row in rows)
            {
                output.WriteLine($"  {(string?)row[table.PrimaryName] ?? "(no name)"} ({(string?)row[table.PrimaryId]})");
                foreach (var column in table.Columns.Values)
                {
                    var shown = await ShowAsync(column, Canonical(row, column)).ConfigureAwait(false);
                    output.WriteLine("    " + (column.Label + " (" + column.LogicalName + ")").PadRight(width) + "  " + shown);
                }
            }

            output.WriteLine();
        }
    }

    /// <summary>
    /// Proposes a change of the row named <paramref name="row"/> (primary name or id; null: a new row) of the table; every value is
    /// checked before anything is written, and all wrong values are named together.
    /// </summary>
    public async Task<ProposedChange> ProposeAsync(string tableName, string? row, IReadOnlyList<TypedSetting> settings, bool deleteRow)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var logicalName = await ResolveTableAsync(tableName).ConfigureAwait(false);
        var table = await _definitions.ColumnsAsync(logicalName, CreditSettingTables.ColumnsOf(logicalName)).ConfigureAwait(false);
        var current = row is null ? null : await FindRowAsync(table, row).ConfigureAwait(false);
        if (deleteRow && (current is null || settings.Count > 0))
        {
            throw new SettingValuesException([current is null
                ? "Deleting a row names the row (--row)."
                : "A change that deletes the row sets no column; propose the deletion alone."]);
        }

        if (!deleteRow && settings.Count == 0)
        {
            throw new SettingValuesException(["Give a proposed value for at least one column (--set \"Column=value\"), or --delete."]);
        }

        var problems = new List<string>();
        var lines = new List<string>();
        var shownLines = new List<string>();
        foreach (var setting in settings)
        {
            var column = ResolveColumn(table, setting.Column, problems);
            if (column is null)
            {
                continue;
            }

            var targets = column.Kind == ColumnKind.Lookup ? await LookupRowsAsync(column).ConfigureAwait(false) : null;
            var checkedValue = ColumnValues.Check(column, setting.Value, lookupRows: targets);
            if (!checkedValue.IsValid)
            {
                problems.Add(checkedValue.Error!);
                continue;
            }

            lines.Add(column.LogicalName + " = " + checkedValue.Canonical);
            var now = current is null ? null : Canonical(current, column);
            shownLines.Add(column.Label + ": " + (current is null ? string.Empty : await ShowAsync(column, now).ConfigureAwait(false) + " → ")
                + await ShowAsync(column, checkedValue.Canonical).ConfigureAwait(false));
        }

        if (problems.Count > 0)
        {
            throw new SettingValuesException(problems);
        }

        var rowId = current is null ? (Guid?)null : Guid.Parse((string)current[table.PrimaryId]!);
        var text = string.Join("\n", lines);
        var change = new JsonObject
        {
            ["cos_configurationtable"] = logicalName,
            ["cos_configurationrowid"] = rowId?.ToString(),
            ["cos_changes"] = text.Length == 0 ? null : text,
            ["cos_deleterow"] = deleteRow,
        };
        var id = await api.CreateAsync(ChangeSet, change).ConfigureAwait(false);
        var rowName = current is null ? "new row" : (string?)current[table.PrimaryName] ?? rowId.ToString()!;
        return new ProposedChange(id, table.Label, rowName, text, deleteRow ? ["Delete the row"] : shownLines);
    }

    private async Task<string> ResolveTableAsync(string name)
    {
        var wanted = name.Trim();
        foreach (var logicalName in CreditSettingTables.Tables)
        {
            var table = await _definitions.TableAsync(logicalName).ConfigureAwait(false);
            if (string.Equals(logicalName, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(table.Label, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return logicalName;
            }
        }

        var labels = new List<string>();
        foreach (var logicalName in CreditSettingTables.Tables)
        {
            labels.Add((await _definitions.TableAsync(logicalName).ConfigureAwait(false)).Label);
        }

        throw new SettingValuesException([$"'{name}' is not a table a configuration change sets; it sets {string.Join(", ", labels)}."]);
    }

    private static ColumnDefinition? ResolveColumn(TableDefinition table, string name, List<string> problems)
    {
        var found = table.Columns.Values.Where(c => string.Equals(c.LogicalName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count == 0)
        {
            found = table.Columns.Values.Where(c => string.Equals(c.Label, name, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (found.Count == 1)
        {
            return found[0];
        }

        problems.Add(found.Count == 0
            ? $"A change of a {table.Label} cannot set '{name}': it sets {string.Join(", ", table.Columns.Values.Select(c => c.Label))}."
            : $"'{name}' names {found.Count} columns of {table.Label} ({string.Join(", ", found.Select(c => c.LogicalName))}); give the logical name.");
        return null;
    }

    private async Task<JsonObject> FindRowAsync(TableDefinition table, string row)
    {
        var rows = await RowsAsync(table).ConfigureAwait(false);
        var matches = Guid.TryParse(row, out var id)
            ? rows.Where(r => Guid.TryParse((string?)r[table.PrimaryId], out var rowId) && rowId == id).ToList()
            : rows.Where(r => string.Equals((string?)r[table.PrimaryName], row.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new SettingValuesException([$"No {table.Label} is called '{row}'; there are {string.Join(", ", rows.Select(r => (string?)r[table.PrimaryName]))}."]),
            _ => throw new SettingValuesException([$"{matches.Count} rows of {table.Label} are called '{row}'; give the row's id ({string.Join(", ", matches.Select(r => (string?)r[table.PrimaryId]))})."]),
        };
    }

    private async Task<List<JsonObject>> RowsAsync(TableDefinition table) =>
        ((await api.GetAsync(table.EntitySet).ConfigureAwait(false))["value"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .OrderBy(r => (string?)r[table.PrimaryName], StringComparer.OrdinalIgnoreCase)
            .ToList();

    private async Task<IReadOnlyList<ColumnOption>> LookupRowsAsync(ColumnDefinition column)
    {
        if (column.Targets.Count != 1)
        {
            throw new SettingValuesException([$"{column.Label} points at {string.Join(" or ", column.Targets)}: a change picks rows of one table only."]);
        }

        var target = column.Targets[0];
        if (!_rowsByTarget.TryGetValue(target, out var rows))
        {
            var table = await _definitions.TableAsync(target).ConfigureAwait(false);
            var json = await api.GetAsync(table.EntitySet + "?$select=" + table.PrimaryName).ConfigureAwait(false);
            rows = _rowsByTarget[target] = (json["value"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(r => new ColumnOption(((string)r[table.PrimaryId]!).ToLowerInvariant(), (string?)r[table.PrimaryName] ?? "(no name)"))
                .OrderBy(r => r.Label, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        return rows;
    }

    private async Task<string> ShowAsync(ColumnDefinition column, string? canonical) =>
        ColumnValues.Display(column, canonical, lookupRows: column.Kind == ColumnKind.Lookup && canonical is not null ? await LookupRowsAsync(column).ConfigureAwait(false) : null);

    /// <summary>A row's Web API value as the change text writes it (ConfigurationChanges.Canonical), or null for none.</summary>
    private static string? Canonical(JsonObject row, ColumnDefinition column)
    {
        var node = column.Kind == ColumnKind.Lookup ? row["_" + column.LogicalName + "_value"] : row[column.LogicalName];
        if (node is not JsonValue value)
        {
            return null;
        }

        var text = column.Kind switch
        {
            ColumnKind.Money or ColumnKind.Decimal => value.GetValue<decimal>().ToString("0.00##########", CultureInfo.InvariantCulture),
            ColumnKind.YesNo => value.GetValue<bool>() ? "yes" : "no",
            ColumnKind.WholeNumber or ColumnKind.Choice => value.GetValue<JsonElement>().GetInt64().ToString(CultureInfo.InvariantCulture),
            ColumnKind.Lookup => value.GetValue<string>().ToLowerInvariant(),
            _ => value.GetValue<JsonElement>().ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Trim(),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
