using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Sets an account's limit: permanent (credit limit, available credit and the Finance-approved limit that rescoring
/// keeps until the review date) or temporary until its expiry, with the review date.
/// </summary>
public static class CreditLimitWriter
{
    public static void Apply(IOrganizationService service, EntityReference account, decimal limit, decimal exposure, DateTime? temporaryUntil, DateTime? reviewOn)
    {
        var update = new Entity(Account.EntityLogicalName, account.Id);
        if (temporaryUntil is { } expiry)
        {
            update[Account.Fields.TemporaryLimit] = new Money(limit);
            update[Account.Fields.TemporaryLimitExpiresOn] = expiry;
        }
        else
        {
            update[Account.Fields.CreditLimit] = new Money(limit);
            update[Account.Fields.ApprovedLimit] = new Money(limit);
            update[Account.Fields.AvailableCredit] = new Money(limit - exposure);

            // The review date bounds the approved limit, so a new approval without one must not inherit an older date.
            update[Account.Fields.LimitReviewOn] = reviewOn;
        }

        if (temporaryUntil is not null && reviewOn is { } review)
        {
            update[Account.Fields.LimitReviewOn] = review;
        }

        service.Update(update);
    }
}
