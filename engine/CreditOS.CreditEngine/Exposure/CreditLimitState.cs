namespace CreditOS.CreditEngine.Exposure;

/// <summary>
/// The limit on the account, with an optional temporary limit (a raised total limit) valid through its expiry date.
/// </summary>
public sealed record CreditLimitState(decimal CreditLimit, decimal? TemporaryLimit = null, DateTime? TemporaryLimitExpiry = null)
{
    /// <summary>The limit in force on a date: the temporary limit while valid and higher, else the credit limit.</summary>
    public decimal EffectiveLimit(DateTime asOf) =>
        TemporaryLimit is { } temporary && temporary > CreditLimit && (TemporaryLimitExpiry is not { } expiry || asOf.Date <= expiry.Date)
            ? temporary
            : CreditLimit;

    public void Validate()
    {
        Require.NotNegative(CreditLimit, "The credit limit");
        if (TemporaryLimit is { } temporary)
        {
            Require.NotNegative(temporary, "The temporary credit limit");
        }
    }
}
