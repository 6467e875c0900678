namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_creditpolicy</c>.</summary>
public static class CreditPolicy
{
    public const string EntityLogicalName = "cos_creditpolicy";
    public const string EntitySetName = "cos_creditpolicies";
    public const string PrimaryIdAttribute = "cos_creditpolicyid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CreditPolicyId = "cos_creditpolicyid";
        public const string Name = "cos_name";
        public const string Code = "cos_code";
        public const string BaseLimit = "cos_baselimit";
        public const string LimitHeadroom = "cos_limitheadroom";
        public const string OrderToInvoiceDays = "cos_ordertoinvoicedays";
        public const string LimitCutReviewShare = "cos_limitcutreviewshare";
        public const string LimitStepDown = "cos_limitstepdown";
        public const string LimitIncreaseReviewAbove = "cos_limitincreasereviewabove";
        public const string HardCap = "cos_hardcap";
        public const string PaymentTermsDays = "cos_paymenttermsdays";
        public const string EarlyPaymentDiscount = "cos_earlypaymentdiscount";
        public const string EarlyPaymentDays = "cos_earlypaymentdays";
        public const string GraceDays = "cos_gracedays";
        public const string BlockAboveUtilization = "cos_blockaboveutilization";
        public const string TrustedChannel = "cos_trustedchannel";
        public const string TrustedMaxOrderAmount = "cos_trustedmaxorderamount";
        public const string TrustedMaxExcessOverLimit = "cos_trustedmaxexcessoverlimit";
        public const string TrustedOverdueTolerance = "cos_trustedoverduetolerance";
        public const string TrustedOverdueToleranceDays = "cos_trustedoverduetolerancedays";
        public const string RequiresApproval = "cos_requiresapproval";
        public const string IsPrepay = "cos_isprepay";
        public const string AlertThresholdWarning = "cos_alertthresholdwarning";
        public const string AlertThresholdCritical = "cos_alertthresholdcritical";
        public const string OverdueAlertAmount = "cos_overduealertamount";
        public const string OverdueToleranceAmount = "cos_overduetoleranceamount";
        public const string OverdueTolerancePercent = "cos_overduetolerancepercent";
        public const string OverdueToleranceDays = "cos_overduetolerancedays";
        public const string Description = "cos_description";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
