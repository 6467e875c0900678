namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>transactioncurrency</c>.</summary>
public static class TransactionCurrency
{
    public const string EntityLogicalName = "transactioncurrency";
    public const string EntitySetName = "transactioncurrencies";
    public const string PrimaryIdAttribute = "transactioncurrencyid";
    public const string PrimaryNameAttribute = "currencyname";

    public static class Fields
    {
        public const string TransactioncurrencyId = "transactioncurrencyid";
        public const string CurrencyName = "currencyname";
        public const string ISOCurrencyCode = "isocurrencycode";
        public const string CurrencySymbol = "currencysymbol";
        public const string ExchangeRate = "exchangerate";
        public const string CurrencyPrecision = "currencyprecision";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
