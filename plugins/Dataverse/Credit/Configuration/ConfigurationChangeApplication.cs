using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.ConfigurationChange.Fields;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Puts an applied configuration change in force (controls round 14): the row it names is read as it is, then written
/// with the change's values (or deleted, session 22) as SYSTEM, so the same validators run as for any save of that table
/// (a change they refuse is not applied, and the application is undone with it); a change naming no row creates one.
/// Session 22: a change of an existing row is applied only when the columns it sets still hold the values it was
/// proposed against (its basis, <see cref="ConfigurationChangeBasis"/>); otherwise it would overwrite a change its
/// reviewer never saw, and the application is refused naming each column.
/// </summary>
public static class ConfigurationChangeApplication
{
    /// <summary>The row as it is (only for a change of an existing row), and the write.</summary>
    public const int Calls = 1 + 1;

    /// <summary>The row put in force: its id, its name, and each column from its value to the new one.</summary>
    public sealed record Applied(string Table, Guid RowId, string What, string Figures);

    public static Applied Apply(IOrganizationService system, Entity change)
    {
        var table = ConfigurationChanges.TableOf(change.GetAttributeValue<string>(Fields.ConfigurationTable));
        var row = ConfigurationChangeGuard.RowOf(table, change);
        if (ConfigurationChangeGuard.RowIdOf(change) is not { } id)
        {
            row.Id = system.Create(row);
            return new Applied(table, row.Id, ConfigurationChanges.What(table, row.GetAttributeValue<string>("cos_name")), ConfigurationChanges.Figures(null, row));
        }

        var what = change.GetAttributeValue<string>(Fields.Name) ?? ConfigurationChanges.What(table, null);
        var basis = BasisOf(change, row, what);
        var columns = basis.Select(column => column.Key).ToList();
        var before = ConfigurationChanges.Find(system, table, id, columns.Concat(["cos_name"]))
            ?? throw new InvalidPluginExecutionException(ConfigurationChangeBasis.MissingRowRefusal(ConfigurationChanges.ARowOf(table), id.ToString(), applying: true));
        var conflicts = ConfigurationChangeBasis.Conflicts(basis, ConfigurationChanges.CanonicalValues(before, columns));
        if (conflicts.Count > 0)
        {
            throw new InvalidPluginExecutionException(ConfigurationChangeBasis.StaleRefusal(what, conflicts));
        }

        what = ConfigurationChanges.What(table, before.GetAttributeValue<string>("cos_name"));
        if (ConfigurationChangeGuard.Deletes(change))
        {
            system.Delete(table, id);
            var was = new Entity(table);
            foreach (var column in columns)
            {
                was[column] = before.Contains(column) ? before[column] : null;
            }

            return new Applied(table, id, what, "row deleted (it was: " + ConfigurationChanges.Figures(null, was) + ")");
        }

        row.Id = id;
        system.Update(row);
        return new Applied(table, id, ConfigurationChanges.What(table, row.GetAttributeValue<string>("cos_name") ?? before.GetAttributeValue<string>("cos_name")), ConfigurationChanges.Figures(before, row));
    }

    /// <summary>
    /// The values the change was proposed against, covering every column it sets; refused when it has none (entered before
    /// bases were recorded) or lacks one of its columns: it is not applied blind.
    /// </summary>
    private static IReadOnlyList<KeyValuePair<string, string?>> BasisOf(Entity change, Entity row, string what)
    {
        var text = change.GetAttributeValue<string>(Fields.Basis);
        if (!ConfigurationChangeText.HasColumns(text))
        {
            throw new InvalidPluginExecutionException(ConfigurationChangeBasis.NoBasisRefusal(what));
        }

        IReadOnlyList<KeyValuePair<string, string?>> basis;
        try
        {
            basis = ConfigurationChangeText.Parse(text);
        }
        catch (CreditInputException unreadable)
        {
            throw new InvalidPluginExecutionException(ConfigurationChangeBasis.NoBasisRefusal(what), unreadable);
        }

        return row.Attributes.Keys.All(column => basis.Any(recorded => recorded.Key == column))
            ? basis
            : throw new InvalidPluginExecutionException(ConfigurationChangeBasis.NoBasisRefusal(what));
    }
}
