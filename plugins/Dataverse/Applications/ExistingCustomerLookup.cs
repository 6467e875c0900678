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
/// bureau matched, which a number typed another way (spaces, case, another format) still finds. Controls round 14
/// (session 21): at the assessment the same query also reads accounts whose name and postal code may be the applicant's
/// (engine <see cref="LikelyDuplicate"/>), for a customer onboarded without any number to compare. One query, whatever it finds.
/// </summary>
public static class ExistingCustomerLookup
{
    /// <summary>Organization-service calls: one query.</summary>
    public const int Calls = 1;

    /// <summary>At most this many candidates are read; the engine confirms each.</summary>
    private const int Candidates = 10;

    /// <summary>The refusal when another account is the application's company; null otherwise (and no call without any identity).</summary>
    /// <param name="system">SYSTEM: the existing customer may be in a business unit the person cannot read.</param>
    public static string? Refusal(IOrganizationService system, string applicationName, EntityReference account, string? accountName, ApplicationSubject.CompanyIdentity applied) =>
        Find(system, applicationName, account, accountName, applied, byName: null).Refusal;

    /// <summary>
    /// The refusal when another account is the application's company by a number (it decides); else, when
    /// <paramref name="byName"/> is given, the flag for an account with credit standing that may be the company by its
    /// name and postal code (<see cref="LikelyDuplicate.Note"/>); both null otherwise. No call when there is nothing to look for.
    /// </summary>
    public static Match Find(IOrganizationService system, string applicationName, EntityReference account, string? accountName, ApplicationSubject.CompanyIdentity applied, NameAndAddress? byName)
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

        if (byName is not null && NameFilter(byName) is { } named)
        {
            any.AddFilter(named);
        }

        if (any.Conditions.Count == 0 && any.Filters.Count == 0)
        {
            return new Match(null, null);
        }

        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.OverdueAmount, Account.Fields.IsSuspended, Account.Fields.StateCode,
                Account.Fields.RegistrationNumber, Account.Fields.CountryCode, Account.Fields.VatNumber, Account.Fields.BureauConnectId, Account.Fields.PostalCode),
            TopCount = Candidates,
        };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.NotEqual, account.Id);
        query.Criteria.AddFilter(any);
        string? possibleDuplicate = null;
        foreach (var row in system.RetrieveMultiple(query).Entities)
        {
            var matchedBy = ApplicationSubject.SameCompanyBy(applied, new ApplicationSubject.CompanyIdentity(
                row.GetAttributeValue<string>(Account.Fields.RegistrationNumber),
                row.GetAttributeValue<string>(Account.Fields.CountryCode),
                row.GetAttributeValue<string>(Account.Fields.VatNumber),
                row.GetAttributeValue<string>(Account.Fields.BureauConnectId)));
            var existing = Existing(row);
            if (ApplicationSubject.ExistingCustomerRefusal(applicationName, accountName ?? account.Id.ToString(), matchedBy, existing) is { } refusal)
            {
                return new Match(refusal, null);
            }

            if (possibleDuplicate is null && byName is not null
                && LikelyDuplicate.HasCreditStanding(row.MoneyOrZero(Account.Fields.CreditLimit), row.MoneyOrZero(Account.Fields.Exposure), existing.IsSuspended)
                && LikelyDuplicate.By(byName.Names, byName.PostalCode, byName.Country, new LikelyDuplicate.Candidate(
                    row.GetAttributeValue<string>(Account.Fields.Name), row.GetAttributeValue<string>(Account.Fields.PostalCode), row.GetAttributeValue<string>(Account.Fields.CountryCode))) is { } nameMatch)
            {
                possibleDuplicate = LikelyDuplicate.Note(nameMatch, existing);
            }
        }

        return new Match(null, possibleDuplicate);
    }

    private static ApplicationSubject.ExistingCustomer Existing(Entity row) => new(
        row.GetAttributeValue<string>(Account.Fields.Name) ?? row.Id.ToString(),
        ApprovalText.Amount(row.MoneyOrZero(Account.Fields.CreditLimit)),
        ApprovalText.Amount(row.MoneyOrZero(Account.Fields.Exposure)),
        ApprovalText.Amount(row.MoneyOrZero(Account.Fields.OverdueAmount)),
        row.GetAttributeValue<bool?>(Account.Fields.IsSuspended) == true,
        row.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value is > 0);

    /// <summary>
    /// Accounts whose name holds the longest word of one of the applicant's names and whose postal code has the same
    /// letters and digits in order (a LIKE pattern with a wildcard between them, so "BS1 4QA" and "bs14qa" are both read);
    /// the engine confirms the whole name and code. Null when there is no postal code or no distinctive word.
    /// </summary>
    private static FilterExpression? NameFilter(NameAndAddress byName)
    {
        var code = LikelyDuplicate.NormalPostalCode(byName.PostalCode);
        var words = byName.Names.Select(LikelyDuplicate.SearchWord).Where(word => word is not null).Distinct(StringComparer.Ordinal).ToList();
        if (code.Length == 0 || words.Count == 0)
        {
            return null;
        }

        var named = new FilterExpression(LogicalOperator.And);
        named.AddCondition(Account.Fields.PostalCode, ConditionOperator.Like, string.Join("%", code.Select(character => character.ToString())));
        var anyWord = named.AddFilter(LogicalOperator.Or);
        foreach (var word in words)
        {
            anyWord.AddCondition(Account.Fields.Name, ConditionOperator.Like, "%" + word + "%");
        }

        return named;
    }

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>What the lookup found: a refusal (a number matched) or a possible duplicate's flag (a name and postal code matched).</summary>
    public sealed record Match(string? Refusal, string? PossibleDuplicate);

    /// <summary>The applicant's names (the application's, the new account's, the bureau's registered name), postal code and country.</summary>
    public sealed record NameAndAddress(IReadOnlyList<string?> Names, string? PostalCode, string? Country);
}
