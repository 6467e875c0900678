namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>salesorder</c>.</summary>
public static class SalesOrder
{
    public const string EntityLogicalName = "salesorder";
    public const string EntitySetName = "salesorders";
    public const string PrimaryIdAttribute = "salesorderid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string SalesorderId = "salesorderid";
        public const string Name = "name";
        public const string OrderNumber = "ordernumber";
        public const string CustomerId = "customerid";
        public const string TotalAmount = "totalamount";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string DiscountAmount = "discountamount";
        public const string DiscountPercentage = "discountpercentage";
        public const string FreightAmount = "freightamount";
        public const string TotalTax = "totaltax";
        public const string TotalLineItemAmount = "totallineitemamount";
        public const string DateFulfilled = "datefulfilled";
        public const string RequestDeliveryBy = "requestdeliveryby";
        public const string Description = "description";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreditStatus = "cos_creditstatus";
        public const string HoldReason = "cos_holdreason";
        public const string HoldReasonCode = "cos_holdreasoncode";
        public const string Channel = "cos_channel";
        public const string ChannelOrderRef = "cos_channelorderref";
        public const string CreditCheckedOn = "cos_creditcheckedon";
        public const string CreditCheckedFor = "cos_creditcheckedfor";
        public const string EnteredFor = "cos_enteredfor";
        public const string ChangedByPerson = "cos_changedbyperson";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
    }

    public static class Keys
    {
        public const string ChannelReference = "cos_salesorder_channelreference";
    }
}
