namespace CreditOS.CreditEngine.History;

public enum PromiseStatus
{
    Open,
    Kept,
    Broken,
}

/// <summary>
/// A promise to pay taken by collections. <paramref name="ResolvedOn"/> is when it was marked kept or broken;
/// before that date the promise counts as open.
/// </summary>
public sealed record PromiseToPay(string Id, DateTime MadeOn, DateTime PromisedDate, decimal Amount, PromiseStatus Status, DateTime? ResolvedOn = null);
