namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_payment</c>.</summary>
public static class Payment
{
    public const string EntityLogicalName = "cos_payment";
    public const string EntitySetName = "cos_payments";
    public const string PrimaryIdAttribute = "cos_paymentid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string PaymentId = "cos_paymentid";
        public const string Name = "cos_name";
        public const string SourceSystem = "cos_sourcesystem";
        public const string ErpId = "cos_erpid";
        public const string AccountId = "cos_accountid";
        public const string Amount = "cos_amount";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string PaymentDate = "cos_paymentdate";
        public const string AppliedInvoices = "cos_appliedinvoices";
        public const string AppliedOn = "cos_appliedon";
        public const string DiscountTaken = "cos_discounttaken";
        public const string ReversalId = "cos_reversalid";
        public const string ReversalReason = "cos_reversalreason";
        public const string ReversedOn = "cos_reversedon";
        public const string ReversalAmount = "cos_reversalamount";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }

    public static class Keys
    {
        public const string ERPKey = "cos_payment_erpkey";

        /// <summary>
        /// One ERP reversal reverses one payment per source system (session 14): unique over the reversed payments only,
        /// the payments not reversed hold no reversal id (see <c>Credit/Payments/ReversalIdInUse</c> for why a key on a
        /// column that is null on most rows is relied on, and what holds if an environment refuses it).
        /// </summary>
        public const string ReversalKey = "cos_payment_reversalkey";
    }
}
