namespace CreditOS.Solution.Metadata;

/// <summary>Column types as the unpacked solution's Entity.xml names them (&lt;Type&gt;).</summary>
public enum ColumnType
{
    PrimaryKey,        // primarykey
    Uniqueidentifier,  // uniqueidentifier
    String,            // nvarchar
    Memo,              // ntext
    Integer,           // int
    BigInt,            // bigint
    Decimal,           // decimal
    Double,            // float
    Money,             // money
    Boolean,           // bit
    DateTime,          // datetime
    Lookup,            // lookup
    Customer,          // customer (account or contact)
    Owner,             // owner (systemuser or team)
    Picklist,          // picklist
    State,             // state
    Status,            // status
    PartyList,         // partylist (to, from, cc… of an activity: activityparty rows, not a value on the row)
}
