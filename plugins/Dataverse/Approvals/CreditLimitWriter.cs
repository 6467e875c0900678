using CreditOS.CreditEngine.Exposure;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Sets an account's limit: permanent (credit limit and the Finance-approved limit that rescoring keeps until the
/// review date) or temporary until its expiry, with the review date. Exposure, available credit and utilization are
/// rewritten from the engine's formula against the limit in force afterwards (a valid temporary limit included).
/// </summary>
public static class CreditLimitWriter
{
    /// <summary>The account columns <see cref="Apply"/> needs in <c>current</c>.</summary>
    public static readonly string[] AccountColumns =
    [
        Account.Fields.CreditLimit, Account.Fields.TemporaryLimit, Account.Fields.TemporaryLimitExpiresOn,
        Account.Fields.OpenReceivables, Account.Fields.OpenOrders, Account.Fields.Exposure, Account.Fields.AvailableCredit, Account.Fields.Utilization,
        Account.Fields.PaymentTermsCode,
    ];

    /// <param name="paymentTermsCode">The account's Payment Terms choice to set with the limit (a credit application's recommended terms), written only when it changes.</param>
    public static void Apply(IOrganizationService service, EntityReference account, decimal limit, Entity current, DateTime? temporaryUntil, DateTime? reviewOn, DateTime asOf, int? paymentTermsCode = null)
    {
        var update = new Entity(Account.EntityLogicalName, account.Id);
        if (paymentTermsCode is { } terms && current.GetAttributeValue<OptionSetValue>(Account.Fields.PaymentTermsCode)?.Value != terms)
        {
            update[Account.Fields.PaymentTermsCode] = new OptionSetValue(terms);
        }

        var limits = new CreditLimitState(
            current.MoneyOrZero(Account.Fields.CreditLimit),
            current.MoneyOrNull(Account.Fields.TemporaryLimit),
            current.GetAttributeValue<DateTime?>(Account.Fields.TemporaryLimitExpiresOn));
        if (temporaryUntil is { } expiry)
        {
            update[Account.Fields.TemporaryLimit] = new Money(limit);
            update[Account.Fields.TemporaryLimitExpiresOn] = expiry;
            limits = limits with { TemporaryLimit = limit, TemporaryLimitExpiry = expiry };
        }
        else
        {
            update[Account.Fields.CreditLimit] = new Money(limit);
            update[Account.Fields.ApprovedLimit] = new Money(limit);

            // The review date bounds the approved limit, so a new approval without one must not inherit an older date.
            update[Account.Fields.LimitReviewOn] = reviewOn;
            limits = limits with { CreditLimit = limit };
        }

        if (temporaryUntil is not null && reviewOn is { } review)
        {
            update[Account.Fields.LimitReviewOn] = review;
        }

        AccountExposureColumns.Set(
            update,
            current,
            ExposureFigures.OfAccount(current.MoneyOrZero(Account.Fields.OpenReceivables), current.MoneyOrZero(Account.Fields.OpenOrders), limits, asOf));
        service.Update(update);
    }
}
