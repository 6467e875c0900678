using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Fields = CreditOS.Dataverse.Model.ConfigurationChange.Fields;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Who proposes and who applies a change of a configuration row (controls round 14): the change is read as the
/// row it sets (<see cref="ConfigurationChanges.Read"/>) when it is entered or edited, so a change that cannot be
/// applied is refused at once; the proposer, an editor and the applier keep the configuration (nobody who decides credit
/// approvals: <see cref="ConfigurationKeepers"/>, <see cref="ApprovalAuthorityGuard"/>); the applier made no part of it
/// (the engine's <see cref="ConfigurationFourEyes.ApplyRefusal"/>, when the setting is on); an applied change is a fact
/// nobody edits, reopens or deletes. Who made it is what the platform stamps (<c>createdby</c>, <c>modifiedby</c>) and everyone
/// who wrote its content (<see cref="ConfigurationChangeEditors"/>, controls round 22).
/// </summary>
public static class ConfigurationChangeGuard
{
    /// <summary>
    /// At most: who SYSTEM is (once per organization), the approver directory (3), and either the name of the row changed
    /// (1, when the change is entered or edited) or whether four-eyes holds the applier (2, when it is applied).
    /// </summary>
    public const int MaximumCalls = 1 + ApprovalAuthorityGuard.MaximumCalls + RuleSetFourEyes.CallerCalls;

    /// <summary>Whether a change is still proposed (active); an applied one is inactive.</summary>
    public static bool IsProposed(Entity row) =>
        (row.GetAttributeValue<OptionSetValue>(Fields.StateCode)?.Value ?? (int)ConfigurationChangeState.Active) == (int)ConfigurationChangeState.Active;

    /// <param name="target">What the save writes (null on Delete).</param>
    /// <param name="before">The change as it was (null on Create).</param>
    public static void Ensure(IOrganizationService system, Func<bool> isCreditFlow, Guid callerId, Entity? target, Entity? before)
    {
        if (before is not null && !IsProposed(before))
        {
            throw new InvalidPluginExecutionException(
                $"Configuration change '{before.GetAttributeValue<string>(Fields.Name)}' was applied: it records what was put in force, by whom, and cannot be changed, reopened or deleted, by anyone.");
        }

        if (target is null)
        {
            return; // Withdrawing a proposed change: it decided nothing.
        }

        var change = Merge(before, target);
        var table = ConfigurationChanges.TableOf(change.GetAttributeValue<string>(Fields.ConfigurationTable));
        var row = RowOf(table, change);
        var applies = before is not null && target.Contains(Fields.StateCode) && !IsProposed(target);
        var changesItNow = target.Attributes.Keys.Any(column => column is Fields.Changes or Fields.ConfigurationTable or Fields.ConfigurationRowId or Fields.DeleteRow or Fields.Basis);
        var writesContent = ConfigurationChangeEditors.WritesContent(target);
        var rebases = !applies && (before is null || target.Attributes.Keys.Any(column => column is Fields.Changes or Fields.ConfigurationTable or Fields.ConfigurationRowId or Fields.DeleteRow));
        string what;
        if (rebases)
        {
            // Named by what it changes, as the row is called now, not by the proposer; and based on the row's values now
            // (session 22: applying is refused when any of them changed since). One call; a missing row is refused here.
            what = Base(system, table, change, row, target);
            target[Fields.Name] = what.Length <= 200 ? what : what.Substring(0, 200);
        }
        else
        {
            // Nobody writes the basis but this guard: a save that does not re-propose the change keeps the one recorded.
            target.Attributes.Remove(Fields.Basis);
            what = before!.GetAttributeValue<string>(Fields.Name) ?? ConfigurationChanges.What(table, null);
            if (target.Contains(Fields.Name))
            {
                target[Fields.Name] = what;
            }
        }

        if (isCreditFlow())
        {
            target.Attributes.Remove(Fields.ContentBy);
            return;
        }

        // Controls round 22 (session 29): who wrote the content, whoever saves it after them (no call).
        ConfigurationChangeEditors.Record(target, before, callerId, writesContent && !applies);

        EnsureKeeper(system, callerId, table, what, applies ? "apply a change of" : "propose a change of");
        if (applies && RuleSetFourEyes.Applies(() => false, system, callerId))
        {
            var proposal = new ConfigurationChangeProposal(
                what,
                Deletes(change) ? "deleting it" : ConfigurationChanges.Figures(null, row),
                before!.GetAttributeValue<DateTime?>(Fields.CreatedOn) ?? DateTime.MinValue,
                IsUser(before, Fields.CreatedBy, callerId),
                IsUser(before, Fields.ModifiedBy, callerId),
                changesItNow,
                ConfigurationChangeEditors.Includes(before, callerId));
            if (ConfigurationFourEyes.ApplyRefusal(proposal) is { } refusal)
            {
                throw new InvalidPluginExecutionException(refusal);
            }
        }
    }

    /// <summary>Whether applying the change deletes the row it names (session 22).</summary>
    public static bool Deletes(Entity change) => change.GetAttributeValue<bool?>(Fields.DeleteRow) == true;

    /// <summary>
    /// The row the change sets, typed (<see cref="ConfigurationChanges.Read"/>); for a deletion, the bare row: it sets no
    /// column (refused by name when it does, or names no row).
    /// </summary>
    public static Entity RowOf(string table, Entity change)
    {
        var text = change.GetAttributeValue<string>(Fields.Changes);
        if (!Deletes(change))
        {
            return ConfigurationChanges.Read(table, text);
        }

        if (ConfigurationChangeText.HasColumns(text))
        {
            throw new InvalidPluginExecutionException(
                $"A change that deletes {ConfigurationChanges.ARowOf(table)} sets no column: clear its changes, or set 'Delete the row' to no.");
        }

        return RowIdOf(change) is null
            ? throw new InvalidPluginExecutionException($"A change that deletes {ConfigurationChanges.ARowOf(table)} names the row it deletes (its id).")
            : new Entity(table);
    }

    /// <summary>
    /// Records on the save the row's values now of the columns the change sets (every column for a deletion; none for a
    /// new row) as the change's basis, and returns the row's name for the change (one call for an existing row).
    /// </summary>
    private static string Base(IOrganizationService system, string table, Entity change, Entity row, Entity target)
    {
        if (RowIdOf(change) is not { } id)
        {
            target[Fields.Basis] = null;
            return ConfigurationChanges.What(table, row.GetAttributeValue<string>("cos_name"));
        }

        var columns = (Deletes(change) ? ConfigurationChanges.ColumnsOf(table) : row.Attributes.Keys).ToList();
        var current = ConfigurationChanges.Find(system, table, id, columns.Concat(["cos_name"]))
            ?? throw new InvalidPluginExecutionException(ConfigurationChangeBasis.MissingRowRefusal(ConfigurationChanges.ARowOf(table), id.ToString(), applying: false));
        target[Fields.Basis] = ConfigurationChanges.BasisText(current, columns);
        return ConfigurationChanges.What(table, row.GetAttributeValue<string>("cos_name") ?? current.GetAttributeValue<string>("cos_name"));
    }

    /// <summary>The change as it will be: the pre-image under what the save writes.</summary>
    public static Entity Merge(Entity? before, Entity target)
    {
        var merged = new Entity(ConfigurationChange.EntityLogicalName, target.Id);
        foreach (var column in (before?.Attributes ?? []).Concat(target.Attributes))
        {
            merged[column.Key] = column.Value;
        }

        return merged;
    }

    /// <summary>Nobody who decides credit approvals proposes or applies a change of what they decide under (3 calls).</summary>
    private static void EnsureKeeper(IOrganizationService system, Guid callerId, string table, string what, string change)
    {
        // The segregation guards name the row themselves ("approval authority '…'"): give them the name alone.
        var name = what.Substring(what.IndexOf('\'') + 1).TrimEnd('\'');
        switch (table)
        {
            case ApprovalAuthority.EntityLogicalName:
                ApprovalAuthorityGuard.Ensure(system, callerId, null, name);
                break;
            case ApprovalRouting.EntityLogicalName:
                ApprovalAuthorityGuard.EnsureRoute(system, callerId, name);
                break;
            default:
                ConfigurationKeepers.Ensure(() => false, () => ApproverDirectory.IsFinanceApprover(system, callerId), what, change);
                break;
        }
    }

    /// <summary>The row the change sets, or null for a new row; refused by name when it is not a row id.</summary>
    public static Guid? RowIdOf(Entity change)
    {
        var text = change.GetAttributeValue<string>(Fields.ConfigurationRowId);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Guid.TryParse(text!.Trim(), out var id)
            ? id
            : throw new InvalidPluginExecutionException($"A configuration change names the row it changes by its id (a GUID), or none for a new row; '{text}' is not a row id.");
    }

    private static bool IsUser(Entity row, string column, Guid userId) => row.GetAttributeValue<EntityReference>(column)?.Id == userId;
}
