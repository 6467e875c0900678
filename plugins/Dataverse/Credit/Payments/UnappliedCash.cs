using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// The account's unapplied cash (<c>cos_unappliedcash</c>): what the customer's payments did not apply to the invoices
/// they named, less what releasing orders awaiting prepayment has spent. Two partial prepayments add up: each payment
/// posting adds its unapplied amount, and the hold release spends the balance oldest order first. Kept by the payment
/// posting under the account's lock (claimed before the account is read), so concurrent postings cannot lose a
/// figure. One write, only when the balance changed (a payment naming its invoices and paying them exactly makes none).
/// </summary>
public static class UnappliedCash
{
    public const int Calls = 1;

    public static void Keep(IOrganizationService service, Guid accountId, decimal before, decimal after)
    {
        if (after == before)
        {
            return;
        }

        service.Update(new Entity(Account.EntityLogicalName, accountId) { [Account.Fields.UnappliedCash] = new Money(after) });
    }
}
