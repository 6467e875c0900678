namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>salesorderdetail</c> (Order Product): an order's lines, shown on the credit approval form.</summary>
public static class SalesOrderDetail
{
    public const string EntityLogicalName = "salesorderdetail";
    public const string EntitySetName = "salesorderdetails";
    public const string PrimaryIdAttribute = "salesorderdetailid";

    /// <summary>Dataverse names the product lookup's name (productidname); creditOS declares no product table, so none.</summary>
    public const string? PrimaryNameAttribute = null;

    /// <summary>The relationship from an order to its lines.</summary>
    public const string OrderRelationship = "order_details";

    public static class Fields
    {
        public const string SalesOrderDetailId = "salesorderdetailid";
        public const string SalesOrderId = "salesorderid";
        public const string LineItemNumber = "lineitemnumber";
        public const string ProductDescription = "productdescription";
        public const string Quantity = "quantity";
        public const string PricePerUnit = "priceperunit";
        public const string BaseAmount = "baseamount";
        public const string ManualDiscountAmount = "manualdiscountamount";
        public const string ExtendedAmount = "extendedamount";
        public const string CreatedOn = "createdon";
        public const string ModifiedOn = "modifiedon";
    }
}
