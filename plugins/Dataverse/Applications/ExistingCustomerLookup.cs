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
    /// <summary>
    /// Organization-service calls at most: one query; controls round 16 (session 23), a second one for the numbers alone
    /// only when the first found more candidates than it reads (<see cref="Candidates"/>).
    /// </summary>
    public const int Calls = 2;

    /// <summary>
    /// At most this many candidates are compared; the engine confirms each. Controls round 15: 20 (was 10), as a name may now
    /// match at any postal code; the name's words and the credit standing narrow the candidates in the query. Controls round
    /// 16 (session 23): one more is read to know whether there were more. A rep could flood near-duplicates (accounts whose
    /// names hold the same words) so the real match fell beyond the cap: now a number match is looked for again alone (every
    /// row of that query is one, the country is in its condition), and a name match that may lie beyond the cap flags the
    /// request for Finance instead of passing it unflagged (<see cref="LikelyDuplicate.Unconfirmed"/>).
    /// </summary>
    public const int Candidates = 20;

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
        var numbers = NumberFilter(applied);
        var any = new FilterExpression(LogicalOperator.Or);
        if (numbers is not null)
        {
            any.AddFilter(numbers);
        }

        if (byName is not null && NameFilter(byName) is { } named)
        {
            any.AddFilter(named);
        }

        if (any.Filters.Count == 0)
        {
            return new Match(null, null);
        }

        var rows = Read(system, account, any);
        var found = Compare(rows.Take(Candidates), applicationName, account, accountName, applied, byName);
        if (found.Refusal is not null || rows.Count <= Candidates)
        {
            return found;
        }

        // More candidates than compared: a number match may lie beyond them. Every row the numbers alone find is one.
        if (numbers is not null && Compare(Read(system, account, numbers).Take(Candidates), applicationName, account, accountName, applied, byName: null).Refusal is { } refusal)
        {
            return new Match(refusal, null);
        }

        return byName is null ? found : new Match(null, found.PossibleDuplicate ?? LikelyDuplicate.Unconfirmed(Candidates, SearchNames(byName)));
    }

    /// <summary>
    /// The bureau company id, the registration number (in the application's country, or an account without one) and the VAT
    /// number, each an exact condition (a query's text equality is Dataverse's: trimmed here, case-insensitive there), so every
    /// row it finds is one the engine confirms (<see cref="ApplicationSubject.SameCompanyBy"/>). Null without any number.
    /// </summary>
    private static FilterExpression? NumberFilter(ApplicationSubject.CompanyIdentity applied)
    {
        var numbers = new FilterExpression(LogicalOperator.Or);
        if (Has(applied.BureauCompanyId))
        {
            numbers.AddCondition(Account.Fields.BureauConnectId, ConditionOperator.Equal, applied.BureauCompanyId!.Trim());
        }

        if (Has(applied.RegistrationNumber))
        {
            var registration = numbers.AddFilter(LogicalOperator.And);
            registration.AddCondition(Account.Fields.RegistrationNumber, ConditionOperator.Equal, applied.RegistrationNumber!.Trim());
            if (Has(applied.Country))
            {
                // Controls round 16: the country in the condition, so accounts with the number in other countries cannot crowd the cap.
                var country = registration.AddFilter(LogicalOperator.Or);
                country.AddCondition(Account.Fields.CountryCode, ConditionOperator.Equal, applied.Country!.Trim());
                country.AddCondition(Account.Fields.CountryCode, ConditionOperator.Null);
            }
        }

        if (Has(applied.VatNumber))
        {
            numbers.AddCondition(Account.Fields.VatNumber, ConditionOperator.Equal, applied.VatNumber!.Trim());
        }

        return numbers.Conditions.Count == 0 && numbers.Filters.Count == 0 ? null : numbers;
    }

    /// <summary>One query: other accounts meeting <paramref name="filter"/>, one more than are compared (so the caller knows there were more).</summary>
    private static List<Entity> Read(IOrganizationService system, EntityReference account, FilterExpression filter)
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.OverdueAmount, Account.Fields.IsSuspended, Account.Fields.StateCode,
                Account.Fields.RegistrationNumber, Account.Fields.CountryCode, Account.Fields.VatNumber, Account.Fields.BureauConnectId, Account.Fields.PostalCode,
                Account.Fields.FormerNames),
            TopCount = Candidates + 1,
        };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.NotEqual, account.Id);
        query.Criteria.AddFilter(filter);
        return [.. system.RetrieveMultiple(query).Entities];
    }

    private static Match Compare(IEnumerable<Entity> rows, string applicationName, EntityReference account, string? accountName, ApplicationSubject.CompanyIdentity applied, NameAndAddress? byName)
    {
        string? possibleDuplicate = null;
        foreach (var row in rows)
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
                && LikelyDuplicate.By(byName.TypedNames, byName.RegisteredName, byName.PostalCode, byName.Country, new LikelyDuplicate.Candidate(
                    row.GetAttributeValue<string>(Account.Fields.Name), row.GetAttributeValue<string>(Account.Fields.PostalCode), row.GetAttributeValue<string>(Account.Fields.CountryCode),
                    HasNumberOnFile: Has(row.GetAttributeValue<string>(Account.Fields.RegistrationNumber)) || Has(row.GetAttributeValue<string>(Account.Fields.VatNumber))
                        || Has(row.GetAttributeValue<string>(Account.Fields.BureauConnectId)),
                    row.GetAttributeValue<string>(Account.Fields.FormerNames))) is { } nameMatch)
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
    /// Accounts with credit standing (a limit, an exposure or a suspension: engine <see cref="LikelyDuplicate.HasCreditStanding"/>)
    /// whose name holds every distinctive word of one of the applicant's names (up to three, longest first); the engine
    /// confirms the whole name, the postal code and the country. Controls round 15 (session 22): no postal code condition, as
    /// the bureau's registered name and a name with a postal code missing on either side now match at any postal code. Null
    /// when no name has a distinctive word.
    /// </summary>
    private static FilterExpression? NameFilter(NameAndAddress byName)
    {
        var names = SearchNames(byName);
        if (names.Count == 0)
        {
            return null;
        }

        var named = new FilterExpression(LogicalOperator.And);
        var standing = named.AddFilter(LogicalOperator.Or);
        standing.AddCondition(Account.Fields.CreditLimit, ConditionOperator.GreaterThan, 0m);
        standing.AddCondition(Account.Fields.Exposure, ConditionOperator.GreaterThan, 0m);
        standing.AddCondition(Account.Fields.IsSuspended, ConditionOperator.Equal, true);
        var anyName = named.AddFilter(LogicalOperator.Or);
        foreach (var words in names)
        {
            // Controls round 16 (session 23): the current name, or the former names kept on a rename (CustomerFormerNames).
            foreach (var column in new[] { Account.Fields.Name, Account.Fields.FormerNames })
            {
                var everyWord = anyName.AddFilter(LogicalOperator.And);
                foreach (var word in words)
                {
                    everyWord.AddCondition(column, ConditionOperator.Like, "%" + word + "%");
                }
            }
        }

        return named;
    }

    /// <summary>The distinctive words of each of the applicant's names, each set once.</summary>
    private static List<IReadOnlyList<string>> SearchNames(NameAndAddress byName) =>
        byName.TypedNames.Concat([byName.RegisteredName]).Select(name => LikelyDuplicate.SearchWords(name)).Where(words => words.Count > 0)
            .GroupBy(words => string.Join(" ", words), StringComparer.Ordinal).Select(group => group.First()).ToList();

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>What the lookup found: a refusal (a number matched) or a possible duplicate's flag (a name and postal code matched).</summary>
    public sealed record Match(string? Refusal, string? PossibleDuplicate);

    /// <summary>
    /// The names the rep typed (the application's, the new account's), the bureau's registered name (the rep does not type
    /// it), the application's postal code and country.
    /// </summary>
    public sealed record NameAndAddress(IReadOnlyList<string?> TypedNames, string? RegisteredName, string? PostalCode, string? Country);
}
