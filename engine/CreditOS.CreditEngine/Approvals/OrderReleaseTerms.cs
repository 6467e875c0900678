namespace CreditOS.CreditEngine.Approvals;

/// <summary>
/// How large a temporary limit Finance may grant when it releases a held order: what the release was asked for, no
/// more. The order asks for room for itself: the limit in force plus the order's amount (the customer keeps the
/// available credit it had before the order), or the exposure with the order when the customer was already over its
/// limit without it. Both figures are the request's, what Finance was shown.
/// </summary>
public static class OrderReleaseTerms
{
    public static decimal TemporaryLimitCap(decimal creditLimit, decimal exposureWithOrder, decimal orderAmount) =>
        Math.Max(creditLimit + orderAmount, exposureWithOrder);

    /// <summary>Null when the temporary limit is within the cap; else the refusal with the figures.</summary>
    public static string? Refusal(decimal temporaryLimit, decimal creditLimit, decimal exposureWithOrder, decimal orderAmount)
    {
        var cap = TemporaryLimitCap(creditLimit, exposureWithOrder, orderAmount);
        return temporaryLimit <= cap
            ? null
            : "a temporary limit of " + MoneyText.Amount(temporaryLimit) + " is more than the release asks for: at most " + MoneyText.Amount(cap)
              + " (the limit of " + MoneyText.Amount(creditLimit) + " plus the order's " + MoneyText.Amount(orderAmount) + ", or the exposure with the order of "
              + MoneyText.Amount(exposureWithOrder) + " when higher); grant at most " + MoneyText.Amount(cap) + ", or ask the sales rep for a limit request for more.";
    }
}
