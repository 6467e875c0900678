namespace CreditOS.Dataverse.Credit.Reports;

/// <summary>The bound Custom API (function) behind the account's printable payment history page.</summary>
public static class PaymentHistoryReportApi
{
    public const string UniqueName = "cos_PaymentHistoryReport";

    /// <summary>Response properties.</summary>
    public static class Response
    {
        /// <summary>The report model as JSON (<see cref="PaymentHistoryJson"/>).</summary>
        public const string Report = "Report";
    }
}
