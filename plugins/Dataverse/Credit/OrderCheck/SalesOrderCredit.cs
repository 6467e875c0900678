using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// Translates between a salesorder row and the credit check: the request from the target merged over the pre-image,
/// and the decision back onto the order's credit columns (credit status, hold reason and codes), setting only those
/// that change. Prepayment terms alone save it Awaiting prepayment; blocks and suspensions save the order as Refused with the decision's message and figures (the order is
/// kept as the trace of the refusal, draws on no credit, cannot be fulfilled, and the rep can ask Finance for an
/// exception from it).
/// </summary>
public static class SalesOrderCredit
{
    /// <summary>The columns the order check reads from the row as it was (its pre-image).</summary>
    public const string ImageColumns =
        SalesOrder.Fields.CustomerId + "," + SalesOrder.Fields.TotalAmount + "," + SalesOrder.Fields.StateCode + ","
        + SalesOrder.Fields.TransactionCurrencyId + "," + SalesOrder.Fields.Channel + "," + SalesOrder.Fields.CreditStatus + ","
        + SalesOrder.Fields.HoldReason + "," + SalesOrder.Fields.HoldReasonCode + "," + SalesOrder.Fields.ChangedByPerson;

    /// <summary>
    /// The columns whose change re-runs the check (the step's filtering attributes). The currency is one: an order
    /// checked in the account's currency and moved to another afterwards would keep its approval for an amount in a
    /// currency the account's credit is not kept in (the check refuses it, as it refuses such an order at entry).
    /// </summary>
    public const string TriggerColumns = SalesOrder.Fields.TotalAmount + "," + SalesOrder.Fields.CustomerId + "," + SalesOrder.Fields.StateCode
        + "," + SalesOrder.Fields.TransactionCurrencyId;

    private const int HoldReasonCodeMaxLength = 100;
    private const string ReasonCodeSeparator = ",";

    /// <summary>The pre-image as the order check reads it: only through its registered columns.</summary>
    public static RegisteredImage PreImage(Entity? image) => new(image, ImageColumns);

    /// <param name="savedByTheChannel">
    /// Whether the integration worker or the credit flow makes this save; asked only when an existing channel order is decided
    /// again or its amount changes. A trusted channel's tolerance is for what the channel itself submitted: Finance (Write on
    /// every order) raising a web-shop or EDI order's amount is judged as a rep's order, without the tolerance (controls round
    /// 28b), and the order keeps that fact (<see cref="OrderCreditRequest.ChangedByPerson"/>, round 29) so the hold release on a
    /// later payment or rescoring judges it the same way, until the channel sends its amount again.
    /// </param>
    public static OrderCreditRequest Request(Entity target, RegisteredImage before, Guid orderId, DateTime asOf, Func<bool> savedByTheChannel)
    {
        var customer = before.Current<EntityReference>(target, SalesOrder.Fields.CustomerId);
        var previousCustomer = before.Get<EntityReference>(SalesOrder.Fields.CustomerId);
        var wasOpen = before.Exists && IsOpen(before.Get<OptionSetValue>(SalesOrder.Fields.StateCode));
        var wasRefused = before.Get<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value == (int)SalesOrderCreditStatus.Refused;
        var wasCounted = wasOpen && !wasRefused && customer is not null && previousCustomer is not null && customer.Id == previousCustomer.Id;
        var channel = before.Current<OptionSetValue>(target, SalesOrder.Fields.Channel);

        var request = new OrderCreditRequest
        {
            OrderId = orderId,
            CustomerTable = customer?.LogicalName,
            CustomerId = customer?.Id,
            Amount = before.Current<Money>(target, SalesOrder.Fields.TotalAmount)?.Value,
            CurrencyId = before.Current<EntityReference>(target, SalesOrder.Fields.TransactionCurrencyId)?.Id,
            Channel = ToleratedChannel(channel, changedByPerson: false),
            IsOpen = IsOpen(before.Current<OptionSetValue>(target, SalesOrder.Fields.StateCode)),
            WasCounted = wasCounted,
            AlreadyCounted = wasCounted ? before.Get<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m : 0m,
            AsOf = asOf,
        };

        if (!before.Exists || !IsChannelOrder(channel))
        {
            return request;
        }

        var changedByPerson = ChangedByPersonAfter(target, before, request, savedByTheChannel);
        return request with { Channel = ToleratedChannel(channel, changedByPerson), ChangedByPerson = changedByPerson };
    }

    /// <summary>
    /// The channel whose tolerance an order is decided with: its own, unless a person changed it last (controls rounds 28b and
    /// 29), then none, as for a rep's order. The one home of the rule for the order check and the hold release.
    /// </summary>
    public static string ToleratedChannel(OptionSetValue? channel, bool changedByPerson) =>
        channel is null || changedByPerson ? string.Empty : Enum.GetName(typeof(OrderChannel), channel.Value) ?? string.Empty;

    /// <summary>
    /// Whether a person changed the channel order last, after this save: a person's save that is decided again (a raised
    /// amount, another customer, reopening it) or that sets another amount marks it; the channel's own save of another amount
    /// clears the mark; any other save keeps what it was. Asks who saves (<paramref name="savedByTheChannel"/>) only then.
    /// </summary>
    private static bool ChangedByPersonAfter(Entity target, RegisteredImage before, OrderCreditRequest request, Func<bool> savedByTheChannel)
    {
        var was = before.Get<bool?>(SalesOrder.Fields.ChangedByPerson) == true;
        var amountChanged = target.Contains(SalesOrder.Fields.TotalAmount) && request.Amount != before.Get<Money>(SalesOrder.Fields.TotalAmount)?.Value;
        if (!request.NeedsDecision && !amountChanged)
        {
            return was;
        }

        return !savedByTheChannel() || (was && !amountChanged);
    }

    private static bool IsChannelOrder(OptionSetValue? channel) => channel is not null && channel.Value != (int)OrderChannel.SalesRep;

    /// <summary>An order draws on credit while active or submitted (a new order without a state is active).</summary>
    public static bool IsOpen(OptionSetValue? state) =>
        state is null || state.Value == (int)SalesOrderState.Active || state.Value == (int)SalesOrderState.Submitted;

    /// <summary>Writes the decision onto the target (pre-operation); an order that may not proceed is saved Refused with the reasons.</summary>
    /// <param name="checkedFor">The person whose save the check decided (the initiating user): recorded so they do not decide its approval request (controls round 10).</param>
    public static void Apply(OrderDecision? decision, Entity target, RegisteredImage before, DateTime checkedOn, Guid checkedFor)
    {
        // Whom the order was entered for (controls round 11): moved to another customer later, it stays out of that
        // customer's history (first order date, completed orders; HistoryAggregates), so a move gives no customer months
        // or orders it did not have. The check has refused a customer that is not an account before this.
        if (!before.Exists && target.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId) is { } customer)
        {
            target[SalesOrder.Fields.EnteredFor] = new EntityReference(Account.EntityLogicalName, customer.Id);
        }

        if (decision is null)
        {
            return;
        }

        switch (decision.Outcome)
        {
            case DecisionOutcome.Block:
            case DecisionOutcome.Suspended:
                SetIfChanged(target, before, SalesOrder.Fields.CreditStatus, new OptionSetValue((int)SalesOrderCreditStatus.Refused));
                SetIfChanged(target, before, SalesOrder.Fields.HoldReason, decision.Message);
                SetIfChanged(target, before, SalesOrder.Fields.HoldReasonCode, HoldCodes(decision));
                break;
            case DecisionOutcome.AwaitPrepayment:
                // Prepayment terms are the only reason: the order waits for the customer's payment, not for Finance (no
                // approval request is routed); the payment posting releases it (HoldRelease).
                SetIfChanged(target, before, SalesOrder.Fields.CreditStatus, new OptionSetValue((int)SalesOrderCreditStatus.AwaitingPrepayment));
                SetIfChanged(target, before, SalesOrder.Fields.HoldReason, decision.Message);
                SetIfChanged(target, before, SalesOrder.Fields.HoldReasonCode, HoldCodes(decision));
                break;
            case DecisionOutcome.RequireApproval:
                SetIfChanged(target, before, SalesOrder.Fields.CreditStatus, new OptionSetValue((int)SalesOrderCreditStatus.OnHold));
                SetIfChanged(target, before, SalesOrder.Fields.HoldReason, decision.Message);
                SetIfChanged(target, before, SalesOrder.Fields.HoldReasonCode, HoldCodes(decision));
                break;
            case DecisionOutcome.ApproveWithinGrace:
                // Approved, but something is owed or tolerated (overdue within grace or within the policy's overdue
                // tolerance, a trusted channel's tolerance): the reasons stay on the order, with the overdue amount, so the
                // rep who sees it chases the customer instead of learning of it at the next hold.
                SetIfChanged(target, before, SalesOrder.Fields.CreditStatus, new OptionSetValue((int)SalesOrderCreditStatus.ApprovedWithinGrace));
                SetIfChanged(target, before, SalesOrder.Fields.HoldReason, decision.Message);
                SetIfChanged(target, before, SalesOrder.Fields.HoldReasonCode, null);
                break;
            default:
                SetIfChanged(target, before, SalesOrder.Fields.CreditStatus, new OptionSetValue((int)SalesOrderCreditStatus.Approved));
                SetIfChanged(target, before, SalesOrder.Fields.HoldReason, null);
                SetIfChanged(target, before, SalesOrder.Fields.HoldReasonCode, null);
                break;
        }

        target[SalesOrder.Fields.CreditCheckedOn] = checkedOn;
        target[SalesOrder.Fields.CreditCheckedFor] = new EntityReference(SystemUser.EntityLogicalName, checkedFor);
    }

    /// <summary>
    /// Records on a channel order whether a person changed it last (<c>cos_changedbyperson</c>, credit-owned; controls round
    /// 29), written only when it changes, so the hold release judges the order as its check did.
    /// </summary>
    public static void RecordWhoChangedIt(OrderCreditRequest request, Entity target, RegisteredImage before)
    {
        if (request.ChangedByPerson is { } changedByPerson && (before.Get<bool?>(SalesOrder.Fields.ChangedByPerson) ?? false) != changedByPerson)
        {
            target[SalesOrder.Fields.ChangedByPerson] = changedByPerson;
        }
    }

    /// <summary>
    /// An order saved without a currency gets the one the check decided it in, its customer's (controls round 13, session
    /// 20). Left empty, the platform gives the row the creating user's default currency, else the organization's base
    /// currency, in its core operation after this step: Sam's order of 4,000,000 for a customer whose credit is kept in yen
    /// was approved as JPY 4,000,000 and saved as USD 4,000,000. An order naming another currency is refused by the check.
    /// </summary>
    public static void KeepCheckedCurrency(Entity target, RegisteredImage before, Guid? checkedIn)
    {
        if (checkedIn is { } currency && before.Current<EntityReference>(target, SalesOrder.Fields.TransactionCurrencyId) is null)
        {
            target[SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(TransactionCurrency.EntityLogicalName, currency);
        }
    }

    /// <summary>The codes of every reason that holds the order, comma-separated (several may apply at once).</summary>
    public static string HoldCodes(OrderDecision decision)
    {
        var codes = string.Join(ReasonCodeSeparator, decision.HoldReasons.Select(r => r.Code.ToString()));
        return codes.Length <= HoldReasonCodeMaxLength ? codes : codes.Substring(0, HoldReasonCodeMaxLength);
    }

    private static void SetIfChanged(Entity target, RegisteredImage before, string column, object? value)
    {
        var current = before.Get<object>(column);
        if (!Equals(current, value) || target.Contains(column))
        {
            target[column] = value;
        }
    }
}
