namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_promisetopay</c>.</summary>
public static class PromiseToPay
{
    public const string EntityLogicalName = "cos_promisetopay";
    public const string EntitySetName = "cos_promisetopays";
    public const string PrimaryIdAttribute = "cos_promisetopayid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string PromiseToPayId = "cos_promisetopayid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string ReceivableId = "cos_receivableid";
        public const string Amount = "cos_amount";
        public const string PromisedOn = "cos_promisedon";
        public const string PromisedFor = "cos_promisedfor";
        public const string PromiseStatus = "cos_promisestatus";
        public const string ContactId = "cos_contactid";
        public const string CoveredInvoices = "cos_coveredinvoices";
        public const string KeptAmount = "cos_keptamount";
        public const string RemainingAmount = "cos_remainingamount";
        public const string ResolvedOn = "cos_resolvedon";
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
}
