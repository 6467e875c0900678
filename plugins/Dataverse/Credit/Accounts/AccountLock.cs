using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Serializes credit work per account. Dataverse (like SQL Server) holds a row's exclusive lock from the first write
/// until the transaction commits, while reads take no lock. So every operation that reads exposure and then writes it
/// first writes a column of the account row it owns: a second transaction for the same account waits at that write
/// until the first commits, and then reads the exposure the first left. Different accounts never wait on each other.
/// Session 31: every claim also writes a fresh token into <c>cos_lockclaim</c> (<see cref="NewClaimToken"/>), which a nightly
/// sealed picture never writes, so the sealed-picture check under the row lock
/// (<see cref="CreditOS.Dataverse.Credit.Sealing.SealedPictureLockCheck"/>) sees every claim that committed between the
/// picture's pre-image and its row lock, also one whose other columns the picture writes too (an event rescoring: scores,
/// its last-scored time and a limit review it raised). Same write, no extra call.
/// </summary>
public static class AccountLock
{
    /// <summary>Takes the account's row lock by writing <paramref name="column"/> (a timestamp the caller owns) with <paramref name="at"/>.</summary>
    public static void Claim(IOrganizationService service, Guid accountId, string column, DateTime at)
    {
        var claim = new Entity(Account.EntityLogicalName, accountId);
        claim[column] = at;
        claim[Account.Fields.LockClaim] = NewClaimToken();
        service.Update(claim);
    }

    /// <summary>Takes the lock by writing <paramref name="at"/> into each of <paramref name="columns"/> (one write: a claim that also records a moment the caller owns).</summary>
    public static void Claim(IOrganizationService service, Guid accountId, DateTime at, params string[] columns)
    {
        var claim = new Entity(Account.EntityLogicalName, accountId);
        foreach (var column in columns)
        {
            claim[column] = at;
        }

        claim[Account.Fields.LockClaim] = NewClaimToken();
        service.Update(claim);
    }

    /// <summary>A value no earlier claim left (a time can repeat: two claims within the same second, or a clock that stands still).</summary>
    public static string NewClaimToken() => Guid.NewGuid().ToString("N");
}
