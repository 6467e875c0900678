namespace CreditOS.LocalDataverse.Users;

/// <summary>
/// Standard tables every Dataverse environment has that hold user and organization settings, and time zones, which the local
/// Dataverse does not model: every local user has the settings of an English (United States, 1033) environment in UTC, so
/// <c>today</c>, <c>this-month</c> and the other user-local operators are computed in UTC, as formatted values are. Dataverse answers
/// these tables (usersettings.timezonecode moves a user's day); the local one answered "not found in the MetadataCache", which says
/// the table does not exist. Naming one now fails as not implemented (session 28), so code that reads a user's time zone learns that
/// the local Dataverse cannot give it, instead of being told Dataverse has no such table.
/// </summary>
public static class UnmodelledSettingsTables
{
    private static readonly Dictionary<string, string> EntitySets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["usersettings"] = "usersettingscollection",
        ["organization"] = "organizations",
        ["timezonedefinition"] = "timezonedefinitions",
        ["timezonerule"] = "timezonerules",
        ["timezonelocalizedname"] = "timezonelocalizednames",
    };

    /// <summary>Whether <paramref name="logicalName"/> is one of these tables.</summary>
    public static bool Contains(string? logicalName) => logicalName is not null && EntitySets.ContainsKey(logicalName);

    /// <summary>The table whose Web API entity set is <paramref name="entitySet"/>, or null.</summary>
    public static string? ForEntitySet(string entitySet) =>
        EntitySets.FirstOrDefault(pair => string.Equals(pair.Value, entitySet, StringComparison.Ordinal)).Key;

    /// <summary>What the refusal says after "The local Dataverse does not implement ".</summary>
    public static string Explanation(string logicalName) =>
        $"the '{logicalName.ToLowerInvariant()}' table: user and organization settings and time zones are not modelled (every local user has the settings of an English (United States, 1033) environment in UTC, and user-local date operators such as today and this-month are computed in UTC)";
}
