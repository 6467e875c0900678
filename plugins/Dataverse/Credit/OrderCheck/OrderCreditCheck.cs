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
/// 2. read the account's credit record (limit, exposure by category, overdue, suspension, policy terms) in one query;
/// 3. write the account's new open orders and exposure, only the columns that changed.
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
        var account = AccountCreditRecord.Read(service, accountId);
        var currency = ValidateCurrency(account, request);
        var alreadyCounted = request.WasCounted ? request.AlreadyCounted : 0m;

        OrderDecision? decision = null;
        if (request.NeedsDecision)
        {
            decision = Decide(account, request, amount, currency, alreadyCounted);
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
        return new OrderCreditResult(decision, openOrders);
    }

    private static OrderDecision Decide(AccountCreditRecord account, OrderCreditRequest request, decimal amount, string currency, decimal alreadyCounted)
    {
        var input = AccountOrderCheckInput.For(account, amount, currency, request.Channel, alreadyCounted, request.AsOf);

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
