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
/// nobody edits, reopens or deletes. Who made it is what the platform stamps (<c>createdby</c>, <c>modifiedby</c>).
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
        var table = change.GetAttributeValue<string>(Fields.ConfigurationTable);
        var row = ConfigurationChanges.Read(table, change.GetAttributeValue<string>(Fields.Changes));
        var applies = before is not null && target.Contains(Fields.StateCode) && !IsProposed(target);
        string what;
        if (applies)
        {
            what = before!.GetAttributeValue<string>(Fields.Name) ?? ConfigurationChanges.What(row.LogicalName, null);
        }
        else
        {
            // Named by what it changes, as the row is called now (one call; a missing row is refused here), not by the proposer.
            var rowName = row.GetAttributeValue<string>("cos_name")
                ?? (RowIdOf(change) is { } id ? system.Retrieve(row.LogicalName, id, new ColumnSet("cos_name")).GetAttributeValue<string>("cos_name") : null);
            what = ConfigurationChanges.What(row.LogicalName, rowName);
            target[Fields.Name] = what.Length <= 200 ? what : what.Substring(0, 200);
        }

        if (isCreditFlow())
        {
            return;
        }

        EnsureKeeper(system, callerId, row.LogicalName, what, applies ? "apply a change of" : "propose a change of");
        if (applies && RuleSetFourEyes.Applies(() => false, system, callerId))
        {
            var proposal = new ConfigurationChangeProposal(
                what,
                ConfigurationChanges.Figures(null, row),
                before!.GetAttributeValue<DateTime?>(Fields.CreatedOn) ?? DateTime.MinValue,
                IsUser(before, Fields.CreatedBy, callerId),
                IsUser(before, Fields.ModifiedBy, callerId),
                target.Attributes.Keys.Any(column => column is Fields.Changes or Fields.ConfigurationTable or Fields.ConfigurationRowId));
            if (ConfigurationFourEyes.ApplyRefusal(proposal) is { } refusal)
            {
                throw new InvalidPluginExecutionException(refusal);
            }
        }
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
