namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The bound Custom API through which the sales rep asks Finance for an exception from a refused order (the order form's
/// "Ask Finance for an exception" command); see <see cref="CreditExceptionRequest"/>.
/// </summary>
public static class CreditExceptionApi
{
    public const string UniqueName = "cos_RequestCreditException";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>Why the order should go through although the credit check refused it (String).</summary>
        public const string Reason = "Reason";
    }
}
