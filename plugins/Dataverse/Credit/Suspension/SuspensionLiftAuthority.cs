using CreditOS.CreditEngine.Approvals;
using CreditOS.CreditEngine.Exposure;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Suspension;

/// <summary>
/// Lifting a suspension is a Finance decision like an approval: it puts the customer's credit limit back in force, every
/// order within it approved without Finance. So the approver's authority (the matrix the Credit Administrator keeps,
/// <see cref="ApprovalAuthorityRules"/>) must cover what the lift puts back in force (<see cref="ApprovalStake.SuspensionLift"/>:
/// the limit in force, a valid temporary limit included, or the exposure when higher), converted to base currency with
/// the account currency's exchange rate, joined into the lift's one account read. Otherwise the lift is refused with
/// the figures and the account stays suspended for an approver whose authority covers it.
/// </summary>
internal static class SuspensionLiftAuthority
{
    public const int Calls = CreditConfigurationReader.ApprovalAuthorityCalls;

    private const string CurrencyAlias = "lift_currency";
    private const string ExchangeRateAlias = CurrencyAlias + "." + TransactionCurrency.Fields.ExchangeRate;
    private const string CurrencyCodeAlias = CurrencyAlias + "." + TransactionCurrency.Fields.ISOCurrencyCode;

    /// <summary>The account with what the lift reads and its currency's rate and code, in one query (the Retrieve it replaces).</summary>
    public static Entity ReadAccount(IOrganizationService system, Guid accountId)
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Account.Fields.Name, Account.Fields.IsSuspended, Account.Fields.SuspensionReason, Account.Fields.IsFraudFlagged,
                Account.Fields.CreditLimit, Account.Fields.TemporaryLimit, Account.Fields.TemporaryLimitExpiresOn, Account.Fields.Exposure),
            TopCount = 1,
        };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, accountId);
        var currency = query.AddLink(TransactionCurrency.EntityLogicalName, Account.Fields.TransactionCurrencyId, TransactionCurrency.Fields.TransactioncurrencyId, JoinOperator.LeftOuter);
        currency.EntityAlias = CurrencyAlias;
        currency.Columns = new ColumnSet(TransactionCurrency.Fields.ExchangeRate, TransactionCurrency.Fields.ISOCurrencyCode);
        return system.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new InvalidPluginExecutionException($"Account {accountId} does not exist.");
    }

    public static void Ensure(IOrganizationService system, Guid callerId, Entity account, string name, DateTime now)
    {
        var stake = Stake(account, now, ApprovalStake.SuspensionLift);
        if (Refusal(system, callerId, account, stake, ApprovalAuthorityRules.SuspensionStaysFor) is { } refusal)
        {
            throw new InvalidPluginExecutionException($"The suspension of {name} cannot be lifted by you: {refusal}");
        }
    }

    /// <summary>What putting the account's limit back in force stakes (the limit in force, a valid temporary limit included, and the exposure), read from <see cref="ReadAccount"/>'s row.</summary>
    public static ApprovalStake Stake(Entity account, DateTime now, Func<decimal, decimal, ApprovalStake> stake)
    {
        var limit = new CreditLimitState(
            account.MoneyOrZero(Account.Fields.CreditLimit),
            account.MoneyOrNull(Account.Fields.TemporaryLimit),
            account.GetAttributeValue<DateTime?>(Account.Fields.TemporaryLimitExpiresOn)).EffectiveLimit(now);
        return stake(limit, account.MoneyOrZero(Account.Fields.Exposure));
    }

    /// <summary>
    /// A decision that puts the account's limit back in force (a suspension lift, a hold's end, a group exit): the account
    /// read once (<see cref="ReadAccount"/>), what the decision stakes and the caller's authority against it (1 +
    /// <see cref="Calls"/> calls); null when the authority covers it, else the refusal with the figures.
    /// </summary>
    public static string? RefusalFor(IOrganizationService system, Guid callerId, Guid accountId, DateTime now, Func<decimal, decimal, ApprovalStake> stake, string staysFor)
    {
        var account = ReadAccount(system, accountId);
        return Refusal(system, callerId, account, Stake(account, now, stake), staysFor);
    }

    /// <summary>The caller's authority (2 calls) against the stake in the account's currency; null when it covers it.</summary>
    public static string? Refusal(IOrganizationService system, Guid callerId, Entity account, ApprovalStake stake, string staysFor)
    {
        var rate = account.Aliased<decimal?>(ExchangeRateAlias) ?? 1m;
        var authority = CreditConfigurationReader.ReadApprovalAuthority(system, callerId);
        return ApprovalAuthorityRules.Refusal(stake, account.Aliased<string>(CurrencyCodeAlias), rate, rate == 1m, authority, staysFor);
    }
}
