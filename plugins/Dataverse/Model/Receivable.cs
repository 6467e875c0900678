namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_receivable</c>.</summary>
public static class Receivable
{
    public const string EntityLogicalName = "cos_receivable";
    public const string EntitySetName = "cos_receivables";
    public const string PrimaryIdAttribute = "cos_receivableid";
    public const string PrimaryNameAttribute = "cos_invoicenumber";

    public static class Fields
    {
        public const string ReceivableId = "cos_receivableid";
        public const string InvoiceNumber = "cos_invoicenumber";
        public const string SourceSystem = "cos_sourcesystem";
        public const string ErpId = "cos_erpid";
        public const string AccountId = "cos_accountid";
        public const string InvoiceDate = "cos_invoicedate";
        public const string DueDate = "cos_duedate";
        public const string Amount = "cos_amount";
        public const string OpenAmount = "cos_openamount";

        /// <summary>Dataverse's base-currency value of <see cref="Amount"/> (amount ÷ the row's exchangerate, read-only).</summary>
        public const string AmountBase = "cos_amount_base";

        /// <summary>Dataverse's base-currency value of <see cref="OpenAmount"/> (read-only).</summary>
        public const string OpenAmountBase = "cos_openamount_base";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string SettledOn = "cos_settledon";
        public const string IsDisputed = "cos_isdisputed";
        public const string DisputeReason = "cos_disputereason";
        public const string DisputedBy = "cos_disputedby";
        public const string DisputedOn = "cos_disputedon";
        public const string DaysLate = "cos_dayslate";
        public const string LastPaymentId = "cos_lastpaymentid";
        public const string LatePaymentProbability = "cos_latepaymentprobability";
        public const string ExpectedDaysLate = "cos_expecteddayslate";
        public const string ExpectedLateAmount = "cos_expectedlateamount";
        public const string NextActionDue = "cos_nextactiondue";
        public const string NextAction = "cos_nextaction";
        public const string CollectionReason = "cos_collectionreason";
        public const string PredictedOn = "cos_predictedon";
        public const string CollectorId = "cos_collectorid";
        public const string DunningLevel = "cos_dunninglevel";
        public const string LastDunnedOn = "cos_lastdunnedon";
        public const string DiscountPercent = "cos_discountpercent";
        public const string DiscountDate = "cos_discountdate";
        public const string DiscountTaken = "cos_discounttaken";
        public const string ErpPaidAhead = "cos_erppaidahead";
        public const string PaymentShares = "cos_paymentshares";
        public const string ErpPaid = "cos_erppaid";
        public const string SourceVersion = "cos_sourceversion";
        public const string SourceVersionScope = "cos_sourceversionscope";
        public const string SourceMessageId = "cos_sourcemessageid";
        public const string SourceMessages = "cos_sourcemessages";
        public const string ErpResyncReason = "cos_erpresyncreason";
        public const string ErpResyncClearedBy = "cos_erpresyncclearedby";
        public const string ErpResyncClearedOn = "cos_erpresyncclearedon";
        public const string WorklistBasis = "cos_worklistbasis";
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
        public const string ERPKey = "cos_receivable_erpkey";
    }
}
