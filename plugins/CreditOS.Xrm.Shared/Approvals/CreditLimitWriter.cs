using CreditOS.Xrm.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Xrm.Approvals;

/// <summary>Sets an account's limit: permanent (credit limit and available credit) or temporary until its expiry, with the review date.</summary>
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
            update[Account.Fields.AvailableCredit] = new Money(limit - exposure);
        }

        if (reviewOn is { } review)
        {
            update[Account.Fields.LimitReviewOn] = review;
        }

        service.Update(update);
    }
}
