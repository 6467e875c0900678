namespace CreditOS.CreditEngine.Approvals;

/// <summary>
/// The approval authority matrix: how much one approver may approve, and whether a decision is within it. An
/// approver's authority comes from the rows that apply to them, the most specific scope first: a row naming the user
/// decides alone (so an administrator can lower one person below their team); else the rows of their teams; else the
/// row for every approver. Within one scope the highest row counts. No row at all: no authority (nothing is approved by
/// someone the matrix does not know). Authorities are in the organization's base currency; a request in another
/// currency is converted with its currency's exchange rate (Dataverse's: base = amount ÷ rate).
/// </summary>
public static class ApprovalAuthorityRules
{
    /// <summary>What happens to a request an approver's authority does not cover.</summary>
    public const string RequestStaysFor = "The request stays open for an approver whose authority covers it";

    /// <summary>What happens to a suspension an approver's authority does not cover.</summary>
    public const string SuspensionStaysFor = "The account stays suspended for an approver whose authority covers it";

    /// <summary>What happens to a running hold-code message an approver's authority does not cover.</summary>
    public const string HoldStaysFor = "The message keeps holding the account's new orders for an approver whose authority covers it";

    /// <summary>What happens to a credit group member an approver's authority does not cover.</summary>
    public const string GroupStaysFor = "The account stays in its credit group for an approver whose authority covers it";

    /// <summary>What happens to a classification that would loosen a customer's credit beyond the approver's authority (controls round 25).</summary>
    public const string ClassificationStaysFor = "The customer keeps its classification for an approver whose authority covers it";

    /// <summary>What happens to a credit group's parent or member whose deactivation an approver's authority does not cover.</summary>
    public const string GroupMemberStaysActiveFor = "The account stays active in its credit group for an approver whose authority covers it";

    /// <summary>The approver's authority in base currency, or null when no row applies to them.</summary>
    public static decimal? Of(IEnumerable<ApprovalAuthorityGrant> applying)
    {
        var grants = applying.ToList();
        if (grants.Count == 0)
        {
            return null;
        }

        var scope = grants.Max(grant => grant.Scope);
        return grants.Where(grant => grant.Scope == scope).Max(grant => grant.Maximum);
    }

    /// <summary>The stake in base currency: amount ÷ exchange rate (a rate that is not positive is taken as the base currency's 1).</summary>
    public static decimal InBaseCurrency(decimal amount, decimal exchangeRate) =>
        exchangeRate > 0m ? ExchangeRates.Convert(amount, exchangeRate, 1m, 2) : amount;

    /// <summary>
    /// Null when the approver's authority covers the stake; otherwise the refusal, with the figures: "approving a
    /// credit limit of 180,000.00 EUR needs an approval authority of at least 180,000.00; yours is 100,000.00".
    /// </summary>
    /// <param name="currency">The request's currency code (for the message), or null.</param>
    /// <param name="isBaseCurrency">Whether the request is in the base currency (no conversion to show).</param>
    public static string? Refusal(ApprovalStake stake, string? currency, decimal exchangeRate, bool isBaseCurrency, decimal? authority) =>
        Refusal(stake, currency, exchangeRate, isBaseCurrency, authority, RequestStaysFor);

    /// <summary>As <see cref="Refusal(ApprovalStake, string?, decimal, bool, decimal?)"/>, saying what is left for another approver.</summary>
    /// <param name="stake">What the decision puts in force, in <paramref name="currency"/>.</param>
    /// <param name="currency">The stake's currency code (for the message), or null.</param>
    /// <param name="exchangeRate">The currency's exchange rate (base = amount ÷ rate).</param>
    /// <param name="isBaseCurrency">Whether the stake is in the base currency (no conversion to show).</param>
    /// <param name="authority">The approver's authority in base currency, or null when no row applies.</param>
    /// <param name="staysFor">What is left for an approver whose authority covers the stake (<see cref="RequestStaysFor"/>, <see cref="SuspensionStaysFor"/>).</param>
    public static string? Refusal(ApprovalStake stake, string? currency, decimal exchangeRate, bool isBaseCurrency, decimal? authority, string staysFor)
    {
        var needed = InBaseCurrency(stake.Amount, exchangeRate);
        if (authority is { } held && needed <= held)
        {
            return null;
        }

        var amount = MoneyText.Amount(stake.Amount) + (currency is null ? string.Empty : " " + currency);
        var converted = isBaseCurrency || needed == stake.Amount ? string.Empty : " (" + MoneyText.Amount(needed) + " in the base currency)";
        var yours = authority is { } some
            ? "yours is " + MoneyText.Amount(some)
            : "you have none: no approval authority row applies to you";
        return stake.What + " " + amount + converted + " needs an approval authority of at least " + MoneyText.Amount(needed) + "; " + yours
            + ". " + staysFor + " (the Credit Administrator keeps the approval authorities).";
    }
}
