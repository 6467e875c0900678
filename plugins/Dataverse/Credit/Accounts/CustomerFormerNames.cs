using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Controls round 16 (session 23): a rename keeps the customer's previous name among its former names
/// (<c>cos_formernames</c>, credit-owned: nobody writes it by hand), so the duplicate check still matches a credit
/// application under the old name (engine <see cref="FormerNames"/>, <see cref="LikelyDuplicate"/>). Who may rename a
/// customer with credit standing is <see cref="CustomerNameGuard"/>'s (pre-validation); this runs after it, in the
/// rename's own save, so the old name is kept whoever renamed it. No call.
/// </summary>
public static class CustomerFormerNames
{
    /// <summary>The pre-image the step registers: the name being replaced and the names already kept.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.FormerNames;

    public static void Keep(Entity target, Entity? before)
    {
        if (!target.Contains(Account.Fields.Name) || before is null)
        {
            return;
        }

        if (FormerNames.After(before.GetAttributeValue<string>(Account.Fields.FormerNames), before.GetAttributeValue<string>(Account.Fields.Name), target.GetAttributeValue<string>(Account.Fields.Name)) is { } kept)
        {
            target[Account.Fields.FormerNames] = kept;
        }
    }
}
