using CreditOS.CreditEngine.Applications;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Applications;

/// <summary>
/// Controls round 13 (session 20): whether the company a credit application applies for is already another account, a
/// customer with credit of its own (engine <see cref="ApplicationSubject.SameCompanyBy"/> says by what). Asked at
/// submission with the registration and VAT numbers typed on the application, and at the assessment with the company the
/// bureau matched, which a number typed another way (spaces, case, another format) still finds. One query, whatever it finds.
/// </summary>
public static class ExistingCustomerLookup
{
    /// <summary>Organization-service calls: one query.</summary>
    public const int Calls = 1;

    /// <summary>At most this many candidates are read; the engine confirms each.</summary>
    private const int Candidates = 5;

    /// <summary>The refusal when another account is the application's company; null otherwise (and no call without any identity).</summary>
    /// <param name="system">SYSTEM: the existing customer may be in a business unit the person cannot read.</param>
    public static string? Refusal(IOrganizationService system, string applicationName, EntityReference account, string? accountName, ApplicationSubject.CompanyIdentity applied)
    {
        var any = new FilterExpression(LogicalOperator.Or);
        if (Has(applied.BureauCompanyId))
        {
            any.AddCondition(Account.Fields.BureauConnectId, ConditionOperator.Equal, applied.BureauCompanyId!.Trim());
        }

        if (Has(applied.RegistrationNumber))
        {
            // A query's text equality is Dataverse's (trimmed here, case-insensitive there); the country is confirmed by the engine.
            any.AddCondition(Account.Fields.RegistrationNumber, ConditionOperator.Equal, applied.RegistrationNumber!.Trim());
        }

        if (Has(applied.VatNumber))
        {
            any.AddCondition(Account.Fields.VatNumber, ConditionOperator.Equal, applied.VatNumber!.Trim());
        }

        if (any.Conditions.Count == 0)
        {
            return null;
        }

        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.OverdueAmount, Account.Fields.IsSuspended, Account.Fields.StateCode,
                Account.Fields.RegistrationNumber, Account.Fields.CountryCode, Account.Fields.VatNumber, Account.Fields.BureauConnectId),
            TopCount = Candidates,
        };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.NotEqual, account.Id);
        query.Criteria.AddFilter(any);
        foreach (var row in system.RetrieveMultiple(query).Entities)
        {
            var matchedBy = ApplicationSubject.SameCompanyBy(applied, new ApplicationSubject.CompanyIdentity(
                row.GetAttributeValue<string>(Account.Fields.RegistrationNumber),
                row.GetAttributeValue<string>(Account.Fields.CountryCode),
                row.GetAttributeValue<string>(Account.Fields.VatNumber),
                row.GetAttributeValue<string>(Account.Fields.BureauConnectId)));
            var existing = new ApplicationSubject.ExistingCustomer(
                row.GetAttributeValue<string>(Account.Fields.Name) ?? row.Id.ToString(),
                ApprovalText.Amount(row.MoneyOrZero(Account.Fields.CreditLimit)),
                ApprovalText.Amount(row.MoneyOrZero(Account.Fields.Exposure)),
                ApprovalText.Amount(row.MoneyOrZero(Account.Fields.OverdueAmount)),
                row.GetAttributeValue<bool?>(Account.Fields.IsSuspended) == true,
                row.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value is > 0);
            if (ApplicationSubject.ExistingCustomerRefusal(applicationName, accountName ?? account.Id.ToString(), matchedBy, existing) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);
}
