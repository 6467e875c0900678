namespace CreditOS.Dataverse.Framework;

/// <summary>Names of input and output parameters as Dataverse fills them in the execution context.</summary>
public static class Parameters
{
    /// <summary>Input: the Entity (Create, Update, Upsert) or EntityReference (Delete, Assign...) the message acts on.</summary>
    public const string Target = "Target";

    /// <summary>Output of Create: the new row's id.</summary>
    public const string Id = "id";

    public const string ColumnSet = "ColumnSet";
    public const string Query = "Query";

    /// <summary>Output of RetrieveMultiple: the EntityCollection returned.</summary>
    public const string BusinessEntityCollection = "BusinessEntityCollection";

    /// <summary>Output of Retrieve: the Entity returned.</summary>
    public const string BusinessEntity = "BusinessEntity";

    public const string Relationship = "Relationship";
    public const string RelatedEntities = "RelatedEntities";
    public const string EntityMoniker = "EntityMoniker";
    public const string State = "State";
    public const string Status = "Status";
    public const string Assignee = "Assignee";

    /// <summary>Output of Upsert: whether the row was created.</summary>
    public const string RecordCreated = "RecordCreated";

    public const string ConcurrencyBehavior = "ConcurrencyBehavior";
}
