using System.Globalization;

namespace CreditOS.CreditEngine.Collections;

/// <summary>What is known of the user named as an account's collector.</summary>
public sealed record CollectorCandidate(string Name, bool Exists, bool IsDisabled, bool HoldsCollectorRole);

/// <summary>
/// Who may be named an account's collector by hand (controls round 7). A collector set by hand sticks (the assignment
/// rules leave the account alone) and the account's receivables, action items and dunning follow that person; the
/// collectors' worklists show the items of people who work them. Naming a disabled user, or anyone who does not hold the
/// collector role (a rep, an approver, an application user), would take the overdue customer off every worklist even
/// when a credit manager does it in good faith. So the collector named is an enabled user holding the Collector role,
/// directly or through a team. Clearing the collector stays allowed: the assignment rules assign one again.
/// </summary>
public static class CollectorEligibility
{
    /// <summary>Null when <paramref name="candidate"/> may collect; otherwise why not, naming the user and the account's figures.</summary>
    public static string? Refusal(CollectorCandidate candidate, string accountName, string openReceivables, string overdue, string collectorRoleName)
    {
        var why = !candidate.Exists ? "is not a user of this organization"
            : candidate.IsDisabled ? "is a disabled user"
            : !candidate.HoldsCollectorRole ? $"does not hold the '{collectorRoleName}' role, directly or through a team"
            : null;
        return why is null
            ? null
            : string.Format(
                CultureInfo.InvariantCulture,
                "{0} cannot be named the collector of '{1}' (open receivables {2}, overdue {3}): {4} {5}, so the account's receivables, action items and dunning "
                + "would leave every collector's worklist. Name an enabled user with the '{6}' role, or clear the collector so the assignment rules choose one.",
                candidate.Name, accountName, openReceivables, overdue, candidate.Name, why, collectorRoleName);
    }
}
