using System.Globalization;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// Controls round 13 (session 20): configuration that changes scores, tiers and limits is made by one person and put in
/// force by another (four-eyes, maker-checker). A scoring rule set version is the unit: it is proposed inactive (with its
/// rules) by whoever enters it, and activated by someone who made no part of it; once in force, neither it nor its rules
/// are edited in place (a change is a new inactive version). The setting (<see cref="SettingName"/>) is the environment's,
/// on unless it says "no". The credit flow (SYSTEM: seeding, deployment) is not asked.
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
        var parts = new List<string>();
        if (proposal.EnteredByYou)
        {
            parts.Add("you entered it on " + proposal.ProposedOn.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        }

        if (proposal.ChangedLastByYou)
        {
            parts.Add("you changed it last");
        }

        if (proposal.RulesYouMade > 0)
        {
            parts.Add($"{proposal.RulesYouMade.ToString(CultureInfo.InvariantCulture)} of its {proposal.Rules.ToString(CultureInfo.InvariantCulture)} rules were entered or last changed by you");
        }

        if (proposal.ChangesItNow)
        {
            parts.Add("this save changes it too");
        }

        if (parts.Count == 0)
        {
            return null;
        }

        return $"Scoring rule set '{proposal.Name}' version {proposal.Version.ToString(CultureInfo.InvariantCulture)} cannot be activated by you: you made it or part of it ({string.Join("; ", parts)}). "
            + "Scores, tiers and limits change with it, so another Credit Administrator who made no part of it checks and activates it (four-eyes, " + SettingName + ").";
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
public sealed record RuleSetProposal(string Name, int Version, DateTime ProposedOn, bool EnteredByYou, bool ChangedLastByYou, int Rules, int RulesYouMade, bool ChangesItNow);
