namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// Decisions Finance took for one account. <see cref="FinanceApprovedLimit"/> replaces the computed limit: an initial
/// limit from third-party verification before the first order (which also lifts the prepayment requirement of starter
/// terms), or a limit above the bureau's recommended credit.
/// </summary>
public sealed record AccountCreditContext(decimal? FinanceApprovedLimit = null)
{
    public static AccountCreditContext None { get; } = new();
}
