using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Fields = CreditOS.Dataverse.Model.ConfigurationChange.Fields;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Puts an applied configuration change in force (controls round 14): the row it names is read as it is (for the
/// figures), then written with the change's values as SYSTEM, so the same validators run as for any save of that table
/// (a change they refuse is not applied, and the application is undone with it); a change naming no row creates one.
/// </summary>
public static class ConfigurationChangeApplication
{
    /// <summary>The row as it is (only for a change of an existing row), and the write.</summary>
    public const int Calls = 1 + 1;

    /// <summary>The row put in force: its id, its name, and each column from its value to the new one.</summary>
    public sealed record Applied(string Table, Guid RowId, string What, string Figures);

    public static Applied Apply(IOrganizationService system, Entity change)
    {
        var row = ConfigurationChanges.Read(change.GetAttributeValue<string>(Fields.ConfigurationTable), change.GetAttributeValue<string>(Fields.Changes));
        Entity? before = null;
        if (ConfigurationChangeGuard.RowIdOf(change) is { } id)
        {
            before = system.Retrieve(row.LogicalName, id, new ColumnSet(row.Attributes.Keys.Concat(["cos_name"]).Distinct().ToArray()));
            row.Id = id;
            system.Update(row);
        }
        else
        {
            row.Id = system.Create(row);
        }

        var name = row.GetAttributeValue<string>("cos_name") ?? before?.GetAttributeValue<string>("cos_name");
        return new Applied(row.LogicalName, row.Id, ConfigurationChanges.What(row.LogicalName, name), ConfigurationChanges.Figures(before, row));
    }
}
