namespace CreditOS.CreditEngine.Applications;

/// <summary>
/// Controls round 16 (session 23): a customer's former names, kept so the duplicate check (<see cref="LikelyDuplicate"/>)
/// still finds it by a name it no longer carries. Round 15 made renaming a customer with credit standing Finance's, but a
/// legal rename by Finance ("NORTHWIND TRADERS" to "Harbour Group") left the old name nowhere, so a new application under
/// the old name matched nothing. Stored one name a line, oldest first, as they were written (Finance reads them).
/// </summary>
public static class FormerNames
{
    /// <summary>The column's length; when full, the oldest names make room (a rename is Finance's, so nobody floods it).</summary>
    public const int MaximumLength = 2000;

    /// <summary>The names a stored value holds, blank lines aside.</summary>
    public static IReadOnlyList<string> Of(string? stored) =>
        string.IsNullOrWhiteSpace(stored)
            ? []
            : stored!.Split(['\n'], StringSplitOptions.RemoveEmptyEntries).Select(name => name.Trim()).Where(name => name.Length > 0).ToList();

    /// <summary>
    /// The stored value once the account is renamed from <paramref name="previous"/> to <paramref name="next"/>, or null
    /// when nothing is to be kept: the name is the same as the comparison sees it (a correction of case, punctuation or legal
    /// form), the previous name has nothing distinctive, or it is already kept.
    /// </summary>
    public static string? After(string? stored, string? previous, string? next)
    {
        var old = LikelyDuplicate.NormalName(previous);
        if (old.Length == 0 || old == LikelyDuplicate.NormalName(next))
        {
            return null;
        }

        var kept = Of(stored).ToList();
        if (kept.Any(name => LikelyDuplicate.NormalName(name) == old))
        {
            return null;
        }

        kept.Add(previous!.Trim());
        while (kept.Count > 1 && string.Join("\n", kept).Length > MaximumLength)
        {
            kept.RemoveAt(0);
        }

        var text = string.Join("\n", kept);
        return text.Length <= MaximumLength ? text : text.Substring(0, MaximumLength);
    }
}
