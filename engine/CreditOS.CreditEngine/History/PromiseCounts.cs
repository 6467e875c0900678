namespace CreditOS.CreditEngine.History;

/// <summary>
/// Promises to pay with a promised date in the last 12 months, by status as of the evaluation date.
/// Plugins fill it with one FetchXML aggregate <c>count</c> on the promise table grouped by status.
/// </summary>
public sealed record PromiseCounts(int Kept, int Broken, int Open)
{
    public static PromiseCounts None { get; } = new(0, 0, 0);
}
