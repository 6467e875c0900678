using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Credit.Accounts;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The one place an order check is assembled from the account's credit record: the order at entry
/// (<see cref="OrderCreditCheck"/>) and a held order re-checked (<see cref="HoldRelease"/>) are decided from the same
/// figures, the customer's active hold messages and its credit group included. Prepayment comes from the engine's rule over the policy row and Finance's approved limit, never from the
/// policy row alone. The trusted channel's tolerances are the policy row's (cos_trustedchannel and its amounts).
/// </summary>
public static class AccountOrderCheckInput
{
    /// <param name="account">The account's credit record, read under its lock.</param>
    /// <param name="amount">The order's amount.</param>
    /// <param name="currency">The currency the account's credit is kept in.</param>
    /// <param name="channel">The order's channel name (empty when none).</param>
    /// <param name="alreadyCounted">How much of the order the account's open orders already hold (left out of exposure before the order).</param>
    /// <param name="asOf">The moment of the check.</param>
    /// <param name="groups">The account's credit groups with their exposure (<see cref="CreditGroupExposure"/>), nearest first; none when null.</param>
    public static OrderCheckInput For(AccountCreditRecord account, decimal amount, string currency, string channel, decimal alreadyCounted, DateTime asOf, IReadOnlyList<CreditGroupPosition>? groups = null) => new()
    {
        AsOf = asOf,
        OrderAmount = amount,
        OrderCurrency = currency,
        Channel = channel,
        ExposureBeforeOrder = account.Exposure(currency, alreadyCounted, asOf),
        Limit = account.Limit,
        Terms = account.TermsOn(asOf),
        SuspensionReason = account.SuspensionReason,
        ManualHold = account.ManualHold,
        HoldMessages = account.HoldMessages,
        Groups = groups ?? [],
        ChannelTolerance = TrustedChannelTolerance.For(account.TrustedChannel, channel),
    };
}
