using System.Globalization;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.ConfigurationActivation.Fields;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// The immutable fact of a rule set version put in force or taken out of it (controls round 13): which version, who
/// entered it and when, who changed it last, who activated (or deactivated) it and when, and whether four-eyes held the
/// activator; since controls round 24 (session 31) also everyone who wrote its content (<c>cos_contentby</c>, the
/// four-eyes guards' record), which the stamps alone did not name. Written as SYSTEM in the activation's own transaction (a refused activation leaves none); nobody changes
/// or deletes it, a System Administrator included (<c>ConfigurationActivationGuardPlugin</c>). Dataverse's audit log
/// records the same save; this row is what the app shows and what a reviewer queries.
/// </summary>
public static class ConfigurationActivationRecords
{
    /// <summary>One create.</summary>
    public const int Calls = 1;

    /// <param name="before">The version as it was (who entered and last changed it).</param>
    /// <param name="after">The version as it is now (name, version, state, who entered it).</param>
    /// <param name="writers">Everyone who wrote the version and its rules (<see cref="ContentWriters.Union"/>), or null.</param>
    public static Guid Record(IOrganizationService system, Entity before, Entity after, string? writers, Guid actorId, DateTime now, bool fourEyes)
    {
        var activated = RuleSetFourEyes.IsActive(after);
        var name = after.GetAttributeValue<string>(RuleSetTable.Fields.Name) ?? after.Id.ToString();
        var version = RuleSetFourEyes.VersionOf(after);
        return system.Create(new Entity(ConfigurationActivation.EntityLogicalName)
        {
            [Fields.Name] = $"Scoring rule set '{name}' version {version.ToString(CultureInfo.InvariantCulture)} {(activated ? "activated" : "deactivated")} on {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
            [Fields.ConfigurationTable] = RuleSetTable.EntityLogicalName,
            [Fields.ConfigurationRowId] = after.Id.ToString(),
            [Fields.ConfigurationName] = name,
            [Fields.Version] = version,
            [Fields.Activated] = activated,
            [Fields.ProposedBy] = User(before.GetAttributeValue<EntityReference>(RuleSetTable.Fields.CreatedBy) ?? new EntityReference(SystemUser.EntityLogicalName, actorId)),
            [Fields.ProposedOn] = before.GetAttributeValue<DateTime?>(RuleSetTable.Fields.CreatedOn) ?? now,
            [Fields.LastChangedBy] = User(before.GetAttributeValue<EntityReference>(RuleSetTable.Fields.ModifiedBy) ?? new EntityReference(SystemUser.EntityLogicalName, actorId)),
            [Fields.ActivatedBy] = new EntityReference(SystemUser.EntityLogicalName, actorId),
            [Fields.ActivatedOn] = now,
            [Fields.FourEyes] = fourEyes,
            [Fields.ContentBy] = writers,
        });
    }

    /// <summary>
    /// The fact of a proposed configuration change applied (controls round 14): which row, what changed from what to
    /// what, who proposed it and when, who changed it last, who applied it and when, and whether four-eyes held the applier.
    /// </summary>
    /// <param name="change">The change as it was before it was applied (who proposed and last changed it).</param>
    public static Guid RecordChange(IOrganizationService system, Entity change, ConfigurationChangeApplication.Applied applied, Guid applierId, DateTime now, bool fourEyes)
    {
        var title = $"{applied.What} changed on {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: {applied.Figures}";
        return system.Create(new Entity(ConfigurationActivation.EntityLogicalName)
        {
            [Fields.Name] = Cut(title, 200),
            [Fields.ConfigurationTable] = applied.Table,
            [Fields.ConfigurationRowId] = applied.RowId.ToString(),
            [Fields.ConfigurationName] = Cut(applied.What, 100),
            [Fields.Activated] = true,
            [Fields.Changes] = Cut(applied.Figures, 4000),
            [Fields.ProposedBy] = User(change.GetAttributeValue<EntityReference>(ConfigurationChange.Fields.CreatedBy) ?? new EntityReference(SystemUser.EntityLogicalName, applierId)),
            [Fields.ProposedOn] = change.GetAttributeValue<DateTime?>(ConfigurationChange.Fields.CreatedOn) ?? now,
            [Fields.LastChangedBy] = User(change.GetAttributeValue<EntityReference>(ConfigurationChange.Fields.ModifiedBy) ?? new EntityReference(SystemUser.EntityLogicalName, applierId)),
            [Fields.ActivatedBy] = new EntityReference(SystemUser.EntityLogicalName, applierId),
            [Fields.ActivatedOn] = now,
            [Fields.FourEyes] = fourEyes,
            [Fields.ContentBy] = ContentWriters.Union([change.GetAttributeValue<string>(ConfigurationChange.Fields.ContentBy)]),
        });
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text.Substring(0, length - 1) + "…";

    private static EntityReference User(EntityReference reference) => new(SystemUser.EntityLogicalName, reference.Id);
}
