using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Tests.Query.Support;

/// <summary>A small catalog for query tests: account, contact, salesorder and a creditOS-like receivable table.</summary>
public static class TestCatalog
{
    public static readonly OptionDefinition[] Industries =
    [
        new(3, "Accounting"),
        new(1, "Consulting"),
        new(2, "Brokers"),
    ];

    public static MetadataCatalog Create() => new(
        [
            Table(T.Account, T.AccountId, T.Name,
                Column(T.CreditLimit, ColumnType.Money),
                Column(T.NumberOfEmployees, ColumnType.Integer),
                Column(T.Score, ColumnType.Decimal),
                Column(T.Ratio, ColumnType.Double),
                Column(T.OnHold, ColumnType.Boolean),
                Column(T.IndustryCode, ColumnType.Picklist, options: Industries),
                Column(T.PrimaryContactId, ColumnType.Lookup, targets: [T.Contact]),
                Column(T.ParentAccountId, ColumnType.Lookup, targets: [T.Account]),
                Column(T.CreatedOn, ColumnType.DateTime),
                Column(T.AccountNumber, ColumnType.String)),
            Table(T.Contact, T.ContactId, T.FullName,
                Column(T.ParentCustomerId, ColumnType.Customer, targets: [T.Account, T.Contact]),
                Column(T.Email, ColumnType.String),
                Column(T.BirthDate, ColumnType.DateTime)),
            Table(T.SalesOrder, T.SalesOrderId, T.Name,
                Column(T.CustomerId, ColumnType.Customer, targets: [T.Account, T.Contact]),
                Column(T.TotalAmount, ColumnType.Money),
                Column(T.CreatedOn, ColumnType.DateTime)),
            Table(T.Receivable, T.ReceivableId, T.ReceivableName,
                Column(T.ReceivableAccountId, ColumnType.Lookup, targets: [T.Account]),
                Column(T.Amount, ColumnType.Money),
                Column(T.DaysOverdue, ColumnType.Integer),
                Column(T.DueDate, ColumnType.DateTime)),
        ],
        []);

    private static TableDefinition Table(string name, string primaryId, string primaryName, params ColumnDefinition[] columns) => new()
    {
        LogicalName = name,
        SchemaName = name,
        EntitySetName = name + "s",
        DisplayName = name,
        DisplayCollectionName = name + "s",
        PrimaryIdAttribute = primaryId,
        PrimaryNameAttribute = primaryName,
        Columns = columns
            .Append(Column(primaryId, ColumnType.PrimaryKey))
            .Append(Column(primaryName, ColumnType.String))
            .ToDictionary(column => column.LogicalName, StringComparer.Ordinal),
    };

    private static ColumnDefinition Column(string name, ColumnType type, string[]? targets = null, OptionDefinition[]? options = null) => new()
    {
        LogicalName = name,
        SchemaName = name,
        DisplayName = name,
        Type = type,
        Targets = targets ?? [],
        Options = options ?? [],
    };
}

/// <summary>Table and column names used by the query tests.</summary>
public static class T
{
    public const string Account = "account";
    public const string AccountId = "accountid";
    public const string Name = "name";
    public const string AccountNumber = "accountnumber";
    public const string CreditLimit = "creditlimit";
    public const string NumberOfEmployees = "numberofemployees";
    public const string Score = "cos_score";
    public const string Ratio = "cos_ratio";
    public const string OnHold = "cos_onhold";
    public const string IndustryCode = "industrycode";
    public const string PrimaryContactId = "primarycontactid";
    public const string ParentAccountId = "parentaccountid";
    public const string CreatedOn = "createdon";
    public const string Contact = "contact";
    public const string ContactId = "contactid";
    public const string FullName = "fullname";
    public const string ParentCustomerId = "parentcustomerid";
    public const string Email = "emailaddress1";
    public const string BirthDate = "birthdate";
    public const string SalesOrder = "salesorder";
    public const string SalesOrderId = "salesorderid";
    public const string CustomerId = "customerid";
    public const string TotalAmount = "totalamount";
    public const string Receivable = "cos_receivable";
    public const string ReceivableId = "cos_receivableid";
    public const string ReceivableName = "cos_name";
    public const string ReceivableAccountId = "cos_accountid";
    public const string Amount = "cos_amount";
    public const string DaysOverdue = "cos_daysoverdue";
    public const string DueDate = "cos_duedate";
}
