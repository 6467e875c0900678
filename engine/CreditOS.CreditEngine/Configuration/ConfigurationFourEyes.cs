using System.Globalization;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// Controls round 13 (session 20): configuration that changes scores, tiers and limits is made by one person and put in
/// force by another (four-eyes, maker-checker). A scoring rule set version is the unit: it is proposed inactive (with its
/// rules) by whoever enters it, and activated by someone who made no part of it; once in force, neither it nor its rules
/// are edited in place (a change is a new inactive version). The setting (<see cref="SettingName"/>) is the environment's,
/// on unless it says "no". The credit flow (SYSTEM: seeding, deployment) is not asked. Round 14 (session 21) holds the
/// rows that are not versioned (credit policies, tiers, tier matrix cells, approval routes, approval authority rows) to
/// the same rule: a person proposes a change, someone who made no part of it applies it (<see cref="ApplyRefusal"/>),
/// and nobody edits the row in force in place (<see cref="InPlaceRefusal"/>).
/// </summary>
public static class ConfigurationFourEyes
{
    /// <summary>The environment variable that turns four-eyes on ("yes", the packed default) or off ("no").</summary>
    public const string SettingName = "cos_ConfigurationFourEyes";

    /// <summary>Whether four-eyes applies: a missing setting is on (stricter); anything but yes/no/true/false/1/0 is refused by name.</summary>
    public static bool IsOn(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return true;
        }

        return setting!.Trim().ToLowerInvariant() switch
        {
            "yes" or "true" or "1" => true,
            "no" or "false" or "0" => false,
            _ => throw new CreditInputException($"The environment variable {SettingName} must be yes or no, but is '{setting}'."),
        };
    }

    /// <summary>
    /// Why the activator may not put the version in force, or null when they may: they entered it, changed it last,
    /// entered or changed one of its rules, or change it in the same save that activates it.
    /// </summary>
    public static string? ActivationRefusal(RuleSetProposal proposal)
    {
        var more = new List<string>();
        if (proposal.RulesYouMade > 0)
        {
            more.Add($"{proposal.RulesYouMade.ToString(CultureInfo.InvariantCulture)} of its {proposal.Rules.ToString(CultureInfo.InvariantCulture)} rules were entered or last changed by you");
        }

        // Controls round 23 (session 30): what the activator wrote and someone else saved after him (his edit is neither
        // the entry nor the last save) still makes him a maker, as for a configuration change (round 22).
        if (proposal.WroteSettings && !proposal.EnteredByYou && !proposal.ChangedLastByYou)
        {
            more.Add("you wrote its settings, saved after you by someone else");
        }

        if (proposal.RulesYouWrote > 0)
        {
            more.Add($"you wrote {proposal.RulesYouWrote.ToString(CultureInfo.InvariantCulture)} of its {proposal.Rules.ToString(CultureInfo.InvariantCulture)} rules, saved after you by someone else");
        }

        var parts = MakerParts(proposal.EnteredByYou, proposal.ProposedOn, proposal.ChangedLastByYou, more.Count == 0 ? null : string.Join("; ", more), proposal.ChangesItNow);
        if (parts is null)
        {
            return null;
        }

        return $"Scoring rule set '{proposal.Name}' version {proposal.Version.ToString(CultureInfo.InvariantCulture)} cannot be activated by you: you made it or part of it ({parts}). "
            + "Scores, tiers and limits change with it, so another Credit Administrator who made no part of it checks and activates it (four-eyes, " + SettingName + ").";
    }

    /// <summary>
    /// Controls round 14 (session 21): why the applier may not put a proposed change of a configuration row in force
    /// (a credit policy, tier, tier matrix cell, approval route or approval authority row), or null when they may. The
    /// same rule as a rule set's activation: whoever proposed the change, changed it last, or changes it in the save that
    /// applies it made it, and a maker does not apply.
    /// </summary>
    public static string? ApplyRefusal(ConfigurationChangeProposal change)
    {
        // Controls round 22: content written by the applier and saved after him by someone else (his edit is neither the
        // proposal nor the last save) still makes him a maker.
        var wroteContent = change.WroteContent && !change.ProposedByYou && !change.ChangedLastByYou ? "you wrote what it sets, saved after you by someone else" : null;
        var parts = MakerParts(change.ProposedByYou, change.ProposedOn, change.ChangedLastByYou, wroteContent, change.ChangesItNow);
        if (parts is null)
        {
            return null;
        }

        return $"The change of {change.What} ({change.Figures}) cannot be applied by you: you made it ({parts}). "
            + "Orders, limits and approvals are decided under it, so another Credit Administrator who made no part of it checks and applies it (four-eyes, " + SettingName + ").";
    }

    /// <summary>
    /// Why a person may not create, change or delete a configuration row directly (controls round 14): it would take
    /// effect at once, with nobody else involved. <paramref name="figures"/> names each column from its value to the new one.
    /// </summary>
    public static string InPlaceRefusal(string what, string change, string figures) =>
        $"You cannot {change} {what} directly ({figures}): credit configuration changes only when a second person applies a proposed change (four-eyes, {SettingName}). "
        + "Enter it as a configuration change (cos_configurationchange: the table, the row and one 'column = value' line per column) and ask another Credit Administrator to apply it.";

    /// <summary>What made the person a maker, joined for a refusal, or null when nothing did (one wording for every configuration).</summary>
    private static string? MakerParts(bool enteredByYou, DateTime enteredOn, bool changedLastByYou, string? more, bool changesItNow)
    {
        var parts = new List<string>();
        if (enteredByYou)
        {
            parts.Add("you entered it on " + enteredOn.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        }

        if (changedLastByYou)
        {
            parts.Add("you changed it last");
        }

        if (more is not null)
        {
            parts.Add(more);
        }

        if (changesItNow)
        {
            parts.Add("this save changes it too");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>Why a person may not change the version in force (or one of its rules) in place.</summary>
    public static string InForceRefusal(string what, string ruleSetName, int version, string change) =>
        $"You cannot {change} {what}: scoring rule set '{ruleSetName}' version {version.ToString(CultureInfo.InvariantCulture)} is in force, and configuration in force changes only when a second person activates a new version (four-eyes, {SettingName}). "
        + "Enter the change on a new inactive version (copy the rule set, or creditos import-ruleset) and ask another Credit Administrator to activate it.";
}

/// <summary>A rule set version proposed for activation, and what the activator did to it, as the refusal names it.</summary>
/// <param name="Name">The rule set's name.</param>
/// <param name="Version">Its version.</param>
/// <param name="ProposedOn">When it was entered (UTC).</param>
/// <param name="EnteredByYou">The activator entered it.</param>
/// <param name="ChangedLastByYou">The activator changed it last.</param>
/// <param name="Rules">How many rules it has.</param>
/// <param name="RulesYouMade">How many of them the activator entered or changed last.</param>
/// <param name="ChangesItNow">The save that activates it also changes what it decides.</param>
/// <param name="WroteSettings">The activator wrote the version's own settings in an earlier save (controls round 23).</param>
/// <param name="RulesYouWrote">How many of its rules the activator wrote in an earlier save, without having entered or last changed them (controls round 23).</param>
public sealed record RuleSetProposal(string Name, int Version, DateTime ProposedOn, bool EnteredByYou, bool ChangedLastByYou, int Rules, int RulesYouMade, bool ChangesItNow, bool WroteSettings = false, int RulesYouWrote = 0);

/// <summary>A proposed change of a configuration row in force, and what the applier did to it, as the refusal names it.</summary>
/// <param name="What">The row, for example "credit policy 'STANDARD'".</param>
/// <param name="Figures">The change, each column from its value to the new one.</param>
/// <param name="ProposedOn">When it was proposed (UTC).</param>
/// <param name="ProposedByYou">The applier proposed it.</param>
/// <param name="ChangedLastByYou">The applier changed it last.</param>
/// <param name="ChangesItNow">The save that applies it also changes it.</param>
/// <param name="WroteContent">The applier entered or edited what it sets in any earlier save (controls round 22).</param>
public sealed record ConfigurationChangeProposal(string What, string Figures, DateTime ProposedOn, bool ProposedByYou, bool ChangedLastByYou, bool ChangesItNow, bool WroteContent = false);
