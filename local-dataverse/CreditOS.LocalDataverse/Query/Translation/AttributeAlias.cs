namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The characters a FetchXML attribute alias may hold (round 12). Microsoft publishes no rule; a live answer quoted in
/// daryllabar/XrmUnitTest#185 (2025-07-30) refused "Account Name" with ErrorCode -2147220891 (0x80040265) and "Invalid character
/// specified for alias: Account Name. Only characters within the ranges [A-Z], [a-z] or [0-9] or _ are allowed.  The first character
/// may only be in the ranges [A-Z], [a-z] or _." (two spaces as quoted). Link-entity aliases and an empty alias are not checked: no answer for them is known.
/// </summary>
internal static class AttributeAlias
{
    private const int InvalidAliasCharacter = unchecked((int)0x80040265);

    public static string? Checked(string? alias)
    {
        if (string.IsNullOrEmpty(alias) || IsValid(alias))
        {
            return alias;
        }

        throw QueryFaults.Create(InvalidAliasCharacter,
            $"Invalid character specified for alias: {alias}. Only characters within the ranges [A-Z], [a-z] or [0-9] or _ are allowed.  The first character may only be in the ranges [A-Z], [a-z] or _.");
    }

    private static bool IsValid(string alias) =>
        (char.IsAsciiLetter(alias[0]) || alias[0] == '_')
        && alias.All(character => char.IsAsciiLetterOrDigit(character) || character == '_');
}
