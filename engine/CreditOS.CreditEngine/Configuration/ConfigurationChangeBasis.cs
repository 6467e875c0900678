namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// Session 22: a proposed configuration change is applied only to the row its reviewer saw. When the change is entered
/// (or its content edited) the row's values of the columns it sets are recorded with it, its basis, in the same
/// <c>column = value</c> text as the change (<see cref="ConfigurationChangeText"/>); when it is applied, any of those
/// columns whose value is no longer the basis (another applied change, the deployment path, a restore) is a conflict,
/// and the application is refused: it would overwrite a value nobody reviewed it against. A change that deletes its row
/// has the whole row as its basis. Values are compared as the Dataverse side writes them canonically (invariant numbers
/// with at least two decimals, yes/no, choice numbers, row ids), so equal values are equal text.
/// </summary>
public static class ConfigurationChangeBasis
{
    /// <summary>The columns whose value now differs from the basis, in the basis's order.</summary>
    /// <param name="basis">The basis as recorded (parsed: column, value or null for none).</param>
    /// <param name="now">The row's values now, in the same canonical text (a column missing here has no value).</param>
    public static IReadOnlyList<ColumnConflict> Conflicts(IReadOnlyList<KeyValuePair<string, string?>> basis, IReadOnlyDictionary<string, string?> now)
    {
        var conflicts = new List<ColumnConflict>();
        foreach (var column in basis)
        {
            var current = now.TryGetValue(column.Key, out var value) ? value : null;
            if (!string.Equals(column.Value, current, StringComparison.Ordinal))
            {
                conflicts.Add(new ColumnConflict(column.Key, column.Value, current));
            }
        }

        return conflicts;
    }

    /// <summary>Why the change is not applied: the row changed since it was proposed, each column with the value proposed against and the current one.</summary>
    public static string StaleRefusal(string what, IReadOnlyList<ColumnConflict> conflicts) =>
        $"The change of {what} cannot be applied: the row changed since the change was proposed, and applying it would overwrite what its reviewer did not see ("
        + string.Join("; ", conflicts.Select(c => $"{c.Column}: proposed against {Shown(c.ProposedAgainst)}, now {Shown(c.Now)}"))
        + "). Review it against the row as it is now and save its changes again (that bases it on the current values), then another Credit Administrator applies it.";

    /// <summary>Why a change of an existing row records no basis (entered before bases were recorded): it is not applied blind.</summary>
    public static string NoBasisRefusal(string what) =>
        $"The change of {what} records no values it was proposed against (it was entered before session 22), so applying it could overwrite a later change unseen. Save its changes again to base it on the row as it is now, then another Credit Administrator applies it.";

    /// <summary>Why a change naming a row that does not exist (deleted since, or another table's id) is refused.</summary>
    /// <param name="aRow">A row of the table as a sentence names it ("a credit policy").</param>
    public static string MissingRowRefusal(string aRow, string rowId, bool applying) =>
        applying
            ? $"The change of {aRow} cannot be applied: the row it changes ({rowId}) no longer exists. Withdraw it (delete the change), or propose a new row."
            : $"A change of {aRow} names row {rowId}, which does not exist in that table. Name an existing row's id, or leave the row empty to propose a new row.";

    private static string Shown(string? value) => value is null ? "(none)" : value;
}

/// <summary>A column the change sets whose value changed since the change was proposed.</summary>
/// <param name="Column">The column's logical name.</param>
/// <param name="ProposedAgainst">Its value when the change was proposed (null: none).</param>
/// <param name="Now">Its value now (null: none).</param>
public sealed record ColumnConflict(string Column, string? ProposedAgainst, string? Now);
