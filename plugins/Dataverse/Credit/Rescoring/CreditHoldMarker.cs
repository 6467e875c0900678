using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// Why an account is on credit hold, kept durably in <c>cos_creditholdsource</c> so a successful rescoring lifts only
/// the hold a scoring failure set. <see cref="ScoringFailure"/> writes the hold together with its source; any other
/// save that puts the hold on (Finance, a migration, a process) is stamped <see cref="CreditHoldSource.AnotherWriter"/>
/// by <see cref="StampWriter"/> on the credit-column guard's step, so a hold someone else asserted, even over a
/// scoring failure's, is never lifted by rescoring. Taking the hold off clears the source.
/// </summary>
public static class CreditHoldMarker
{
    /// <summary>Whether the hold on this account row is a scoring failure's, which the next successful rescoring lifts.</summary>
    public static bool IsScoringFailureHold(Entity account) =>
        account.GetAttributeValue<bool>(Account.Fields.CreditOnHold)
        && account.GetAttributeValue<OptionSetValue>(Account.Fields.CreditHoldSource)?.Value == (int)CreditHoldSource.ScoringFailure;

    /// <summary>
    /// On a create or update of an account that sets <c>creditonhold</c> without saying why: the hold is the writer's
    /// own (<see cref="CreditHoldSource.AnotherWriter"/>), or, taken off, has no source. No call.
    /// </summary>
    public static void StampWriter(Entity target)
    {
        if (target.LogicalName != Account.EntityLogicalName || !target.Contains(Account.Fields.CreditOnHold) || target.Contains(Account.Fields.CreditHoldSource))
        {
            return;
        }

        target[Account.Fields.CreditHoldSource] = target.GetAttributeValue<bool>(Account.Fields.CreditOnHold)
            ? new OptionSetValue((int)CreditHoldSource.AnotherWriter)
            : null;
    }

    /// <summary>The columns that lift a scoring failure's hold, added to the rescoring's own account write (no extra call).</summary>
    public static void Lift(Entity accountChanges)
    {
        accountChanges[Account.Fields.CreditOnHold] = false;
        accountChanges[Account.Fields.CreditHoldSource] = null;
    }
}
