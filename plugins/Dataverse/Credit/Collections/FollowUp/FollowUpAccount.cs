using CreditOS.CreditEngine.Exposure;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Collections.FollowUp;

/// <summary>
/// The account as the condition monitor and dunning read it, in one query (its currency and primary contact joined):
/// name, figures, risk, promise state, owner, collector and the addresses dunning letters go to. Action items go to the
/// collector, or the owner when the account has none.
/// </summary>
public sealed class FollowUpAccount
{
    private const string CurrencyAlias = "cur";
    private const string ContactAlias = "pc";

    private FollowUpAccount(Entity row, DateTime now)
    {
        Id = row.Id;
        Name = row.GetAttributeValue<string>(Account.Fields.Name) ?? row.Id.ToString();
        Currency = row.Aliased<string>(CurrencyAlias + "." + TransactionCurrency.Fields.ISOCurrencyCode) ?? "XXX";
        RiskScore = row.GetAttributeValue<decimal?>(Account.Fields.RiskScore);
        RiskLevel = row.ChoiceOrNull(Account.Fields.RiskLevel);
        Limit = new CreditLimitState(
            row.MoneyOrZero(Account.Fields.CreditLimit),
            row.MoneyOrNull(Account.Fields.TemporaryLimit),
            row.GetAttributeValue<DateTime?>(Account.Fields.TemporaryLimitExpiresOn)).EffectiveLimit(now);
        Exposure = row.MoneyOrZero(Account.Fields.Exposure);
        Overdue = row.MoneyOrZero(Account.Fields.OverdueAmount);
        OpenPromiseCount = row.GetAttributeValue<int?>(Account.Fields.OpenPromiseCount) ?? 0;
        NextPromiseDate = row.GetAttributeValue<DateTime?>(Account.Fields.NextPromiseDate);
        Owner = row.GetAttributeValue<EntityReference>(Account.Fields.OwnerId);
        Collector = row.GetAttributeValue<EntityReference>(Account.Fields.CollectorId);
        Email = row.GetAttributeValue<string>(Account.Fields.EMailAddress1);
        PrimaryContact = row.GetAttributeValue<EntityReference>(Account.Fields.PrimaryContactId);
        PrimaryContactName = row.Aliased<string>(ContactAlias + "." + Contact.Fields.FullName);
        PrimaryContactEmail = row.Aliased<string>(ContactAlias + "." + Contact.Fields.EMailAddress1);
    }

    public Guid Id { get; }
    public string Name { get; }
    public string Currency { get; }
    public decimal? RiskScore { get; }
    public int? RiskLevel { get; }
    /// <summary>The limit in force today (a valid temporary limit counts).</summary>
    public decimal Limit { get; }
    public decimal Exposure { get; }
    public decimal Overdue { get; }
    public int OpenPromiseCount { get; }
    public DateTime? NextPromiseDate { get; }
    public EntityReference? Owner { get; }
    public EntityReference? Collector { get; }
    public string? Email { get; }
    public EntityReference? PrimaryContact { get; }
    public string? PrimaryContactName { get; }
    public string? PrimaryContactEmail { get; }

    /// <summary>Who works the account's action items and drafts: its collector, else its owner.</summary>
    public EntityReference? Worker => Collector ?? Owner;

    public EntityReference Reference => new(Account.EntityLogicalName, Id);

    public static FollowUpAccount Read(IOrganizationService service, Guid accountId, DateTime now)
    {
        var query = Query();
        query.TopCount = 1;
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, accountId);
        var row = service.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new InvalidPluginExecutionException("The account " + accountId + " does not exist, so its collections follow-up cannot run.");
        return new FollowUpAccount(row, now);
    }

    /// <summary>The accounts of a page in one query (the same columns and joins as <see cref="Read"/>; a page is at most 1,000 accounts).</summary>
    public static IReadOnlyList<FollowUpAccount> ReadPage(IOrganizationService service, IReadOnlyList<Guid> accountIds, DateTime now)
    {
        var query = Query();
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.In, PageReads.Ids(accountIds));
        var calls = 0;
        var found = PageReads.All(service, query, ref calls).ToDictionary(row => row.Id, row => new FollowUpAccount(row, now));
        return [.. accountIds.Select(id => found.TryGetValue(id, out var account)
            ? account
            : throw new InvalidPluginExecutionException("The account " + id + " does not exist, so its collections follow-up cannot run."))];
    }

    private static QueryExpression Query()
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(
                Account.Fields.Name, Account.Fields.RiskScore, Account.Fields.RiskLevel, Account.Fields.CreditLimit, Account.Fields.TemporaryLimit,
                Account.Fields.TemporaryLimitExpiresOn, Account.Fields.Exposure, Account.Fields.OverdueAmount, Account.Fields.OpenPromiseCount,
                Account.Fields.NextPromiseDate, Account.Fields.OwnerId, Account.Fields.CollectorId, Account.Fields.EMailAddress1, Account.Fields.PrimaryContactId),
        };
        var currency = query.AddLink(TransactionCurrency.EntityLogicalName, Account.Fields.TransactionCurrencyId, TransactionCurrency.Fields.TransactioncurrencyId, JoinOperator.LeftOuter);
        currency.EntityAlias = CurrencyAlias;
        currency.Columns = new ColumnSet(TransactionCurrency.Fields.ISOCurrencyCode);
        var contact = query.AddLink(Contact.EntityLogicalName, Account.Fields.PrimaryContactId, Contact.Fields.ContactId, JoinOperator.LeftOuter);
        contact.EntityAlias = ContactAlias;
        contact.Columns = new ColumnSet(Contact.Fields.FullName, Contact.Fields.EMailAddress1);
        return query;
    }
}
