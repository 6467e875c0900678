using System.Collections.Concurrent;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.Policies;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// The account's current credit picture as the order check needs it: limit, exposure by category, overdue figures,
/// suspension and hold, and the terms of the policy in effect. Read in one query (account, its policy and its currency
/// joined), so the order check's cost does not depend on the customer's history.
/// </summary>
public sealed class AccountCreditRecord
{
    private const string PolicyAlias = "policy";
    private const string CurrencyAlias = "currency";
    private const string GroupParentAlias = "groupparent";
    private const string HoldMessageAlias = "holdmessage";
    private const string HoldCodeAlias = "holdcode";
    private const string NamedReceivableAlias = "named";

    private static readonly string[] AccountColumns =
    [
        Account.Fields.Name, Account.Fields.CreditLimit, Account.Fields.TemporaryLimit, Account.Fields.TemporaryLimitExpiresOn,
        Account.Fields.OpenReceivables, Account.Fields.OverdueAmount, Account.Fields.OverdueBeyondGrace, Account.Fields.OldestOverdueDays, Account.Fields.OldestOverdueSince,
        Account.Fields.OpenOrders, Account.Fields.Exposure, Account.Fields.AvailableCredit, Account.Fields.Utilization,
        Account.Fields.IsSuspended, Account.Fields.SuspensionReason, Account.Fields.CreditOnHold, Account.Fields.CreditHoldSource, Account.Fields.TransactionCurrencyId,
        Account.Fields.CreditPolicyId, Account.Fields.StateCode, Account.Fields.ApprovedLimit, Account.Fields.LimitReviewOn,
        Account.Fields.ParentAccountId, Account.Fields.GroupLimit, Account.Fields.LastScoredOn,
    ];

    private static readonly string[] PolicyColumns =
    [
        PolicyTable.Fields.Code, PolicyTable.Fields.GraceDays, PolicyTable.Fields.RequiresApproval, PolicyTable.Fields.BlockAboveUtilization, PolicyTable.Fields.IsPrepay,
        PolicyTable.Fields.TrustedChannel, PolicyTable.Fields.TrustedMaxOrderAmount, PolicyTable.Fields.TrustedMaxExcessOverLimit, PolicyTable.Fields.TrustedOverdueTolerance, PolicyTable.Fields.TrustedOverdueToleranceDays,
        PolicyTable.Fields.OverdueToleranceAmount, PolicyTable.Fields.OverdueTolerancePercent, PolicyTable.Fields.OverdueToleranceDays,
    ];

    private AccountCreditRecord(Entity row, IReadOnlyList<HoldMessage> holdMessages)
    {
        HoldMessages = holdMessages;
        Row = row;
        Id = row.Id;
        Name = row.GetAttributeValue<string>(Account.Fields.Name) ?? string.Empty;
        CurrencyId = row.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId)?.Id;
        CurrencyCode = row.Aliased<string>(Alias(CurrencyAlias, TransactionCurrency.Fields.ISOCurrencyCode));
        CurrencyExchangeRate = row.Aliased<decimal?>(Alias(CurrencyAlias, TransactionCurrency.Fields.ExchangeRate));
        CurrencyPrecision = row.Aliased<int?>(Alias(CurrencyAlias, TransactionCurrency.Fields.CurrencyPrecision));
        Limit = new CreditLimitState(
            row.MoneyOrZero(Account.Fields.CreditLimit),
            row.MoneyOrNull(Account.Fields.TemporaryLimit),
            row.GetAttributeValue<DateTime?>(Account.Fields.TemporaryLimitExpiresOn));
        OpenReceivables = row.MoneyOrZero(Account.Fields.OpenReceivables);
        OverdueAmount = row.MoneyOrZero(Account.Fields.OverdueAmount);
        OverdueBeyondGrace = row.MoneyOrZero(Account.Fields.OverdueBeyondGrace);
        OldestOverdueDays = row.GetAttributeValue<int?>(Account.Fields.OldestOverdueDays) ?? 0;
        OldestOverdueSince = row.GetAttributeValue<DateTime?>(Account.Fields.OldestOverdueSince)?.Date;
        OpenOrders = row.MoneyOrZero(Account.Fields.OpenOrders);
        IsActive = row.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value is null or (int)AccountState.Active;
        LastScoredOn = row.GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn);
        StoredExposure = row.MoneyOrNull(Account.Fields.Exposure);
        StoredAvailableCredit = row.MoneyOrNull(Account.Fields.AvailableCredit);
        StoredUtilization = row.GetAttributeValue<decimal?>(Account.Fields.Utilization);
        SuspensionReason = row.GetAttributeValue<bool>(Account.Fields.IsSuspended)
            ? row.GetAttributeValue<string>(Account.Fields.SuspensionReason) is { Length: > 0 } reason ? reason : "the account is suspended"
            : null;
        ManualHold = row.GetAttributeValue<bool>(Account.Fields.CreditOnHold);
        HasPolicy = row.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId) is not null;
        PolicyTerms = HasPolicy
            ? new OrderPolicyTerms(
                row.Aliased<int?>(Alias(PolicyAlias, PolicyTable.Fields.GraceDays)) ?? 0,
                row.Aliased<bool?>(Alias(PolicyAlias, PolicyTable.Fields.RequiresApproval)) == true ? ApprovalRequirement.EveryOrder : ApprovalRequirement.OverLimitOnly,
                row.Aliased<decimal?>(Alias(PolicyAlias, PolicyTable.Fields.BlockAboveUtilization)) is { } block ? (double)block : null,
                row.Aliased<bool?>(Alias(PolicyAlias, PolicyTable.Fields.IsPrepay)) == true,
                OverdueToleranceColumns.Read(column => row.Aliased<object>(Alias(PolicyAlias, column))))
            : UnscoredTerms;
        ApprovedLimit = row.MoneyOrNull(Account.Fields.ApprovedLimit);
        LimitReviewOn = row.GetAttributeValue<DateTime?>(Account.Fields.LimitReviewOn);
        TrustedChannel = HasPolicy ? TrustedChannelColumns.Read(column => row.Aliased<object>(Alias(PolicyAlias, column))) : null;
        Hierarchy = new CorporateHierarchyLine(
            row.Id,
            Name,
            row.MoneyOrNull(Account.Fields.GroupLimit),
            row.GetAttributeValue<EntityReference>(Account.Fields.ParentAccountId)?.Id,
            row.Aliased<string>(Alias(GroupParentAlias, Account.Fields.Name)),
            row.Aliased<Money>(Alias(GroupParentAlias, Account.Fields.GroupLimit))?.Value,
            row.Aliased<EntityReference>(Alias(GroupParentAlias, Account.Fields.ParentAccountId))?.Id);
    }

    /// <summary>The policy's trusted channel and its tolerances (the policy row's columns, joined into the read); null when none.</summary>
    public TrustedChannelTolerance? TrustedChannel { get; }

    /// <summary>
    /// The customer's messages with a hold code active at the moment of the read (only read by <see cref="ReadForOrders"/>;
    /// empty otherwise).
    /// </summary>
    public IReadOnlyList<HoldMessage> HoldMessages { get; }

    /// <summary>
    /// The account's place in the corporate hierarchy as far as the read joined it (itself and its parent); the credit
    /// groups it belongs to are read from it by <see cref="CreditGroups.Of"/>.
    /// </summary>
    public CorporateHierarchyLine Hierarchy { get; }

    /// <summary>The limit Finance approved (<c>cos_approvedlimit</c>) and its review date.</summary>
    public decimal? ApprovedLimit { get; }

    public DateTime? LimitReviewOn { get; }

    /// <summary>Finance's decision in force on the day, by the engine's rule (the approved limit until its review date).</summary>
    public AccountCreditContext FinanceDecisionOn(DateTime asOf) => AccountCreditContext.InForce(ApprovedLimit, LimitReviewOn, asOf);

    /// <summary>
    /// The order terms in force on the day: the policy row's terms, with prepayment decided by the engine's rule
    /// (<see cref="AccountCreditContext.RequiresPrepayment"/>), so a Finance-approved initial limit lifts it here as in the assessment.
    /// </summary>
    public OrderPolicyTerms TermsOn(DateTime asOf) =>
        PolicyTerms with { RequiresPrepayment = FinanceDecisionOn(asOf).RequiresPrepayment(PolicyTerms.RequiresPrepayment) };

    /// <summary>
    /// An account that has never been scored has no policy: it is treated as a new customer on starter terms
    /// (prepayment), never as one with unlimited credit.
    /// </summary>
    public static OrderPolicyTerms UnscoredTerms { get; } = new(0, ApprovalRequirement.OverLimitOnly, null, RequiresPrepayment: true);

    /// <summary>The row as read, with any extra columns the caller asked for.</summary>
    public Entity Row { get; }

    public Guid Id { get; }

    public string Name { get; }

    public Guid? CurrencyId { get; }

    /// <summary>ISO code of the account's currency: the currency its credit is kept in.</summary>
    public string? CurrencyCode { get; }

    /// <summary>
    /// The account currency's exchange rate now (<c>transactioncurrency.exchangerate</c>, joined: no call), what amounts kept
    /// in other currencies are converted into the account's with (<c>CreditEngine.AccountCurrencyAmounts</c>).
    /// </summary>
    public decimal? CurrencyExchangeRate { get; }

    /// <summary>The decimals Dataverse keeps for amounts in the account's currency (joined: no call).</summary>
    public int? CurrencyPrecision { get; }

    public CreditLimitState Limit { get; }

    public decimal OpenReceivables { get; }

    public decimal OverdueAmount { get; }

    public decimal OverdueBeyondGrace { get; }

    /// <summary>Days past due of the oldest open receivable as a rescoring before session 9 stored them (no longer written; <see cref="OldestOverdueDaysOn"/>).</summary>
    public int OldestOverdueDays { get; }

    /// <summary>The due date of the oldest open receivable past due, as of the last rescoring (null when none was).</summary>
    public DateTime? OldestOverdueSince { get; }

    /// <summary>Days past due of the oldest open receivable on <paramref name="asOf"/>, from the stored due date (the old day count for an account not rescored since).</summary>
    public int OldestOverdueDaysOn(DateTime asOf) =>
        OldestOverdueSince is { } since ? Math.Max(0, (asOf.Date - since).Days) : OldestOverdueDays;

    public decimal OpenOrders { get; }

    /// <summary>
    /// Whether the account is active. An inactive account is left out of the nightly rescoring (the worker pages active
    /// accounts), so its figures are those of its last rescoring (<see cref="LastScoredOn"/>).
    /// </summary>
    public bool IsActive { get; }

    /// <summary>When the account was last rescored (<c>cos_lastscoredon</c>); null when never.</summary>
    public DateTime? LastScoredOn { get; }

    public decimal? StoredExposure { get; }

    public decimal? StoredAvailableCredit { get; }

    public decimal? StoredUtilization { get; }

    public string? SuspensionReason { get; }

    public bool ManualHold { get; }

    public bool HasPolicy { get; }

    /// <summary>The terms as the policy row states them (before Finance's decisions); orders use <see cref="TermsOn"/>.</summary>
    public OrderPolicyTerms PolicyTerms { get; }

    /// <summary>The one query that reads the record: the account by id, its policy and currency joined (outer).</summary>
    public static QueryExpression Query(Guid accountId, params string[] extraColumns)
    {
        var query = new QueryExpression(Account.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(WithExtra(AccountColumns, extraColumns)),
            TopCount = 1,
        };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, accountId);
        var policy = query.AddLink(PolicyTable.EntityLogicalName, Account.Fields.CreditPolicyId, PolicyTable.Fields.CreditPolicyId, JoinOperator.LeftOuter);
        policy.EntityAlias = PolicyAlias;
        policy.Columns = new ColumnSet(PolicyColumns);
        var currency = query.AddLink(TransactionCurrency.EntityLogicalName, Account.Fields.TransactionCurrencyId, TransactionCurrency.Fields.TransactioncurrencyId, JoinOperator.LeftOuter);
        currency.EntityAlias = CurrencyAlias;
        currency.Columns = new ColumnSet(TransactionCurrency.Fields.ISOCurrencyCode, TransactionCurrency.Fields.ExchangeRate, TransactionCurrency.Fields.CurrencyPrecision);
        var parent = query.AddLink(Account.EntityLogicalName, Account.Fields.ParentAccountId, Account.Fields.AccountId, JoinOperator.LeftOuter);
        parent.EntityAlias = GroupParentAlias;
        parent.Columns = new ColumnSet(Account.Fields.Name, Account.Fields.GroupLimit, Account.Fields.ParentAccountId);
        return query;
    }

    /// <summary>
    /// <paramref name="columns"/> then each of <paramref name="extra"/> not already named, in order (what
    /// <c>Concat(...).Distinct()</c> gives, without its set and buffers on every payment: the lists are a few dozen names).
    /// </summary>
    private static string[] WithExtra(string[] columns, string[] extra)
    {
        var merged = new string[columns.Length + extra.Length];
        var count = 0;
        foreach (var column in columns)
        {
            count = AddOnce(merged, count, column);
        }

        foreach (var column in extra)
        {
            count = AddOnce(merged, count, column);
        }

        if (count < merged.Length)
        {
            Array.Resize(ref merged, count);
        }

        return merged;
    }

    private static int AddOnce(string[] merged, int count, string column)
    {
        for (var index = 0; index < count; index++)
        {
            if (string.Equals(merged[index], column, StringComparison.Ordinal))
            {
                return count;
            }
        }

        merged[count] = column;
        return count + 1;
    }

    /// <summary>
    /// The record as the order check needs it, still in one query: the account's messages with a hold code active at
    /// <paramref name="asOf"/> are joined (outer), one row per message, so the check reads them at no extra call.
    /// </summary>
    public static QueryExpression OrderQuery(Guid accountId, DateTime asOf)
    {
        var query = Query(accountId);
        query.TopCount = null;
        var messages = query.AddLink(CustomerMessage.EntityLogicalName, Account.Fields.AccountId, CustomerMessage.Fields.AccountId, JoinOperator.LeftOuter);
        messages.EntityAlias = HoldMessageAlias;
        messages.Columns = new ColumnSet(CustomerMessage.Fields.Text);
        var code = messages.AddLink(MessageCode.EntityLogicalName, CustomerMessage.Fields.MessageCodeId, MessageCode.Fields.MessageCodeId, JoinOperator.LeftOuter);
        code.EntityAlias = HoldCodeAlias;
        code.Columns = new ColumnSet(MessageCode.Fields.Code);
        messages.LinkCriteria.AddCondition(CustomerMessage.Fields.IsHold, ConditionOperator.Equal, true);
        messages.LinkCriteria.AddCondition(CustomerMessage.Fields.StateCode, ConditionOperator.Equal, 0);
        var started = messages.LinkCriteria.AddFilter(LogicalOperator.Or);
        started.AddCondition(CustomerMessage.Fields.StartsOn, ConditionOperator.Null);
        started.AddCondition(CustomerMessage.Fields.StartsOn, ConditionOperator.LessEqual, asOf);
        var notEnded = messages.LinkCriteria.AddFilter(LogicalOperator.Or);
        notEnded.AddCondition(CustomerMessage.Fields.EndsOn, ConditionOperator.Null);
        notEnded.AddCondition(CustomerMessage.Fields.EndsOn, ConditionOperator.GreaterThan, asOf);
        messages.Orders.Add(new OrderExpression(CustomerMessage.Fields.StartsOn, OrderType.Ascending));
        return query;
    }

    /// <summary>Reads the record with the hold messages active at <paramref name="asOf"/> (one organization-service call).</summary>
    public static AccountCreditRecord ReadForOrders(IOrganizationService service, Guid accountId, DateTime asOf)
    {
        var rows = service.RetrieveMultiple(OrderQuery(accountId, asOf)).Entities;
        if (rows.Count == 0)
        {
            throw new InvalidPluginExecutionException("The customer account " + accountId + " does not exist; choose an existing account as the order's customer.");
        }

        var holds = rows
            .Where(r => r.Contains(Alias(HoldMessageAlias, CustomerMessage.Fields.Text)) || r.Contains(Alias(HoldCodeAlias, MessageCode.Fields.Code)))
            .Select(r => new HoldMessage(
                r.Aliased<string>(Alias(HoldCodeAlias, MessageCode.Fields.Code)) ?? string.Empty,
                r.Aliased<string>(Alias(HoldMessageAlias, CustomerMessage.Fields.Text)) ?? string.Empty))
            .ToList();
        return new AccountCreditRecord(rows[0], holds);
    }

    /// <summary>Reads the account's credit record (one organization-service call); a clear refusal when it does not exist.</summary>
    public static AccountCreditRecord Read(IOrganizationService service, Guid accountId, params string[] extraColumns)
    {
        var rows = service.RetrieveMultiple(Query(accountId, extraColumns)).Entities;
        if (rows.Count == 0)
        {
            throw new InvalidPluginExecutionException("The customer account " + accountId + " does not exist; choose an existing account as the order's customer.");
        }

        return new AccountCreditRecord(rows[0], []);
    }

    /// <summary>
    /// The record and the open receivables a payment names, still in one query: the account's open receivables with
    /// those ERP ids are joined (outer), one row per receivable, so the payment posting reads its account and its
    /// invoices under the lock at one call. The receivables come back as rows of their own table.
    /// </summary>
    public static AccountCreditRecord ReadWithReceivables(
        IOrganizationService service, Guid accountId, IReadOnlyCollection<string> erpIds, string[] receivableColumns, out IReadOnlyList<Entity> namedReceivables, params string[] extraColumns)
    {
        var query = Query(accountId, extraColumns);
        if (erpIds.Count > 0)
        {
            query.TopCount = null;
            var named = query.AddLink(Receivable.EntityLogicalName, Account.Fields.AccountId, Receivable.Fields.AccountId, JoinOperator.LeftOuter);
            named.EntityAlias = NamedReceivableAlias;
            named.Columns = new ColumnSet(WithExtra(receivableColumns, [Receivable.Fields.ReceivableId]));
            // Settled ones too: a payment naming an invoice that other payments settled meanwhile is the customer's money
            // all the same (it stays unapplied cash), whatever order the payments arrived in.
            named.LinkCriteria.AddCondition(Receivable.Fields.ErpId, ConditionOperator.In, erpIds.Cast<object>().ToArray());
        }

        var rows = service.RetrieveMultiple(query).Entities;
        if (rows.Count == 0)
        {
            throw new InvalidPluginExecutionException("The customer account " + accountId + " does not exist; choose an existing account as the payment's customer.");
        }

        var receivables = new List<Entity>();
        foreach (var row in rows)
        {
            var id = row.Aliased<Guid?>(Alias(NamedReceivableAlias, Receivable.Fields.ReceivableId));
            if (id is null || receivables.Any(r => r.Id == id.Value))
            {
                continue;
            }

            var receivable = new Entity(Receivable.EntityLogicalName, id.Value);
            foreach (var column in receivableColumns)
            {
                var value = row.Aliased<object>(Alias(NamedReceivableAlias, column));
                if (value is not null)
                {
                    receivable[column] = value;
                }
            }

            receivables.Add(receivable);
        }

        namedReceivables = receivables;
        return new AccountCreditRecord(rows[0], []);
    }

    /// <summary>
    /// The query for the credit records of a page of accounts (one query, at most 5,000 ids); a caller may link more to it
    /// (session 32: the page rescoring links the open limit reviews) and reads the rows with <see cref="PageOf"/>.
    /// </summary>
    public static QueryExpression PageQuery(IReadOnlyCollection<Guid> accountIds, params string[] extraColumns)
    {
        var query = Query(Guid.Empty, extraColumns);
        query.TopCount = null;
        query.Criteria = new FilterExpression(LogicalOperator.And);
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.In, accountIds.Cast<object>().ToArray());
        return query;
    }

    /// <summary>
    /// The credit records of <see cref="PageQuery"/>'s rows, one per account (ids with no row are left out, so the caller can
    /// report them). <paramref name="linkedColumn"/> names the aliased column of a one-to-many outer link the caller added: it is
    /// taken out of the records (they hold what the account query alone holds), an account it joined more than once is kept once,
    /// and <paramref name="linked"/> lists the accounts where it found a row. A page that did not come back whole (more rows than
    /// one result page, which only such a link can cause) is refused rather than read in part.
    /// </summary>
    public static IReadOnlyDictionary<Guid, AccountCreditRecord> PageOf(EntityCollection rows, int accounts, string linkedColumn, out HashSet<Guid> linked)
    {
        if (rows.MoreRecords)
        {
            throw new InvalidPluginExecutionException(
                "The page of " + accounts + " accounts came back with more than one result page of rows (" + rows.Entities.Count
                + ") because of the linked " + linkedColumn + "; nothing of it was scored. Send fewer accounts per page.");
        }

        linked = [];
        var records = new Dictionary<Guid, AccountCreditRecord>();
        foreach (var row in rows.Entities)
        {
            if (row.Attributes.Remove(linkedColumn))
            {
                linked.Add(row.Id);
            }

            if (!records.ContainsKey(row.Id))
            {
                records[row.Id] = new AccountCreditRecord(row, []);
            }
        }

        return records;
    }

    /// <summary>
    /// Exposure by category, leaving out <paramref name="excludedOpenOrderAmount"/> (the order being checked, as already
    /// counted); the oldest overdue item's days as of <paramref name="asOf"/> (callers that only total the exposure pass none).
    /// </summary>
    public ExposureSnapshot Exposure(string currency, decimal excludedOpenOrderAmount = 0m, DateTime? asOf = null) => new()
    {
        Currency = currency,
        OpenReceivables = OpenReceivables,
        OpenOrdersNotInvoiced = Math.Max(0m, OpenOrders - excludedOpenOrderAmount),
        OverdueAmount = Math.Min(OverdueAmount, OpenReceivables),
        OverdueBeyondGraceAmount = Math.Min(OverdueBeyondGrace, Math.Min(OverdueAmount, OpenReceivables)),
        OldestOverdueDays = asOf is { } day ? OldestOverdueDaysOn(day) : OldestOverdueDays,
    };

    /// <summary>
    /// "alias.column", the key a linked column comes back under. Made once per pair and kept: the read asks for thirty-odd
    /// of them on every payment and order check (session 29: about 1% of a payment posting's bytes). Both parts are this
    /// class's and its callers' column constants, so the set is small and fixed.
    /// </summary>
    private static string Alias(string entityAlias, string column)
    {
        var names = AliasedNames.GetOrAdd(entityAlias, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        if (!names.TryGetValue(column, out var name))
        {
            name = entityAlias + "." + column;
            names.TryAdd(column, name);
        }

        return name;
    }

    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> AliasedNames = new(StringComparer.Ordinal);
}
