namespace Microsoft.Xrm.Sdk;

/// <summary>A page of rows returned by RetrieveMultiple.</summary>
public sealed class EntityCollection
{
    public EntityCollection()
    {
        Entities = new DataCollection<Entity>();
    }

    public EntityCollection(IList<Entity> list)
    {
        Entities = new DataCollection<Entity>(list);
    }

    public DataCollection<Entity> Entities { get; }

    public string EntityName { get; set; }

    public string MinActiveRowVersion { get; set; }

    public bool MoreRecords { get; set; }

    public string PagingCookie { get; set; }

    public int TotalRecordCount { get; set; }

    public bool TotalRecordCountLimitExceeded { get; set; }

    public Entity this[int index]
    {
        get => Entities[index];
        set => Entities[index] = value;
    }
}
