namespace CreditOS.Dataverse.Credit.Disputes;

/// <summary>The bound Custom API through which a collector marks an invoice disputed; see <see cref="InvoiceDispute"/>.</summary>
public static class DisputeInvoiceApi
{
    public const string UniqueName = "cos_DisputeInvoice";

    /// <summary>Request parameters.</summary>
    public static class Request
    {
        /// <summary>Why the customer disputes the invoice (String, required).</summary>
        public const string Reason = "Reason";
    }
}
