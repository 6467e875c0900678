using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The order-entry credit check in three organization-service calls, whatever the customer's history:
/// 1. claim the account's row lock (write its last-credit-check time), so concurrent checks for one customer queue up;
/// 2. read the account's credit record (limit, exposure by category, overdue, suspension, policy terms, its parent's
///    group limit and its active hold messages) in one query;
/// 3. write the account's new open orders and exposure, only the columns that changed.
/// An account in credit groups (<see cref="CreditGroups"/>: every account up its hierarchy holding a group limit) costs
/// more when the order needs a decision: one query for its ancestry when its parent has a parent (the hierarchical
/// <c>above</c> operator; none otherwise, the parent is joined into step 2), then per group the group parent's row lock
/// (always after the subsidiary's own, going up the hierarchy, so locks are taken child before parent and two orders
/// never wait on each other in a cycle; a group the account heads needs no second claim) and the group's exposure in
/// one aggregate over everything under its parent (<see cref="CreditGroupExposure"/>, <c>eq-or-under</c>).
/// A subsidiary in one group: 5 calls; three levels with groups at the parent and the grandparent: 8.
/// Exposure figures on the account are kept current by the receivable, payment and rescoring steps (aggregate
/// queries); this check adds or removes only the order's own amount, which is safe because it runs under the lock.
/// Bad input is refused before the first call, so a refusal leaves nothing written.
/// </summary>
public static class OrderCreditCheck
{
    public static OrderCreditResult Run(IOrganizationService service, ITracingService tracing, OrderCreditRequest request)
    {
        var accountId = ValidateCustomer(request);
        var amount = ValidateAmount(request);

        AccountLock.Claim(service, accountId, Account.Fields.CreditCheckedOn, request.AsOf);
        var account = AccountCreditRecord.ReadForOrders(service, accountId, request.AsOf);
        var currency = ValidateCurrency(account, request);
        var alreadyCounted = request.WasCounted ? request.AlreadyCounted : 0m;

        OrderDecision? decision = null;
        if (request.NeedsDecision)
        {
            InactiveCustomer.EnsureMayOrder(account);
            var groups = GroupPositions(service, tracing, account, request, currency, alreadyCounted);
            decision = Decide(account, request, amount, currency, alreadyCounted, groups);
            tracing.Trace("Order {0} for account {1}: {2} ({3}). {4}", request.OrderId, accountId, decision.Outcome, decision.PrimaryReason, decision.Figures.Summary);
        }

        // A refused order is saved as the trace of the refusal but draws on no credit: its amount leaves open orders (an
        // order that had been counted at its earlier amount is taken out).
        var refused = decision is not null && decision.Refuses;
        var openOrders = Math.Max(0m, account.OpenOrders - alreadyCounted + (request.IsOpen && !refused ? amount : 0m));
        var changes = AccountExposureColumns.Changes(account, openOrders, request.AsOf);
        if (changes.Attributes.Count > 0)
        {
            service.Update(changes);
        }

        tracing.Trace(
            "Account {0}: open orders {1} -> {2}, {3} exposure column(s) written.",
            accountId,
            account.OpenOrders.ToString("0.00", CultureInfo.InvariantCulture),
            openOrders.ToString("0.00", CultureInfo.InvariantCulture),
            changes.Attributes.Count);
        return new OrderCreditResult(decision, openOrders, account.CurrencyId);
    }

    /// <summary>
    /// The account's credit groups with their exposure, nearest first, each read under its group parent's lock; empty
    /// when it is in none. Locks are claimed going up the hierarchy (the account's own first, then each group parent
    /// nearer to farther): every check climbs the same tree in the same direction, so no two checks wait on each other
    /// in a cycle, and any two orders in one group, whichever branches they come from, meet at that group's lock.
    /// </summary>
    private static IReadOnlyList<CreditGroupPosition> GroupPositions(IOrganizationService service, ITracingService tracing, AccountCreditRecord account, OrderCreditRequest request, string currency, decimal alreadyCounted)
    {
        var groups = CreditGroups.Of(service, account.Hierarchy, out _);
        if (groups.Count == 0)
        {
            return [];
        }

        foreach (var group in groups.Where(group => !group.IsHeadedBy(account.Id)))
        {
            AccountLock.Claim(service, group.GroupParentId, Account.Fields.CreditCheckedOn, request.AsOf);
        }

        var ownExposure = account.Exposure(currency, alreadyCounted).Total;
        var positions = new List<CreditGroupPosition>(groups.Count);
        foreach (var group in groups)
        {
            var position = CreditGroupExposure.Read(service, group, account.Id, account.CurrencyId!.Value, ownExposure);
            tracing.Trace(
                "Account {0} is in the credit group {1}: group limit {2}, group exposure before the order {3}.",
                account.Id,
                position.GroupName,
                position.GroupLimit.ToString("0.00", CultureInfo.InvariantCulture),
                position.ExposureBeforeOrder.ToString("0.00", CultureInfo.InvariantCulture));
            positions.Add(position);
        }

        return positions;
    }

    private static OrderDecision Decide(AccountCreditRecord account, OrderCreditRequest request, decimal amount, string currency, decimal alreadyCounted, IReadOnlyList<CreditGroupPosition> groups)
    {
        var input = AccountOrderCheckInput.For(account, amount, currency, request.Channel, alreadyCounted, request.AsOf, groups);

        try
        {
            return OrderDecisionEngine.Decide(input);
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("The order cannot be credit-checked: " + invalid.Message, invalid);
        }
    }

    private static Guid ValidateCustomer(OrderCreditRequest request)
    {
        if (request.CustomerId is not { } customerId || customerId == Guid.Empty)
        {
            throw new InvalidPluginExecutionException("The order has no customer; choose the customer account before saving so its credit can be checked.");
        }

        if (!string.Equals(request.CustomerTable, Account.EntityLogicalName, StringComparison.Ordinal))
        {
            throw new InvalidPluginExecutionException(
                "The order's customer is a " + request.CustomerTable + "; creditOS keeps credit on accounts, so the customer must be an account.");
        }

        return customerId;
    }

    private static decimal ValidateAmount(OrderCreditRequest request)
    {
        var amount = request.Amount ?? 0m;
        if (amount < 0)
        {
            throw new InvalidPluginExecutionException(
                "The order amount must not be negative (got " + amount.ToString("0.00", CultureInfo.InvariantCulture) + "); enter returns as credit notes in the ERP.");
        }

        return amount;
    }

    private static string ValidateCurrency(AccountCreditRecord account, OrderCreditRequest request)
    {
        if (account.CurrencyId is null || string.IsNullOrEmpty(account.CurrencyCode))
        {
            throw new InvalidPluginExecutionException(
                "The customer account " + account.Name + " has no currency, so its credit cannot be checked; set the account's currency first.");
        }

        if (request.CurrencyId is { } orderCurrency && orderCurrency != account.CurrencyId)
        {
            throw new InvalidPluginExecutionException(
                "The order's currency is not the currency the credit of " + account.Name + " is kept in (" + account.CurrencyCode
                + "); enter the order in " + account.CurrencyCode + ".");
        }

        return account.CurrencyCode!;
    }
}
