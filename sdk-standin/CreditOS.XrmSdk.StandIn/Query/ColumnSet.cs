namespace Microsoft.Xrm.Sdk.Query;

/// <summary>The columns a query or retrieve returns: all of them, or the ones named.</summary>
public sealed class ColumnSet
{
    public ColumnSet()
    {
        Columns = new DataCollection<string>();
    }

    public ColumnSet(bool allColumns)
        : this()
    {
        AllColumns = allColumns;
    }

    public ColumnSet(params string[] columns)
        : this()
    {
        Columns.AddRange((IEnumerable<string>)columns);
    }

    public bool AllColumns { get; set; }

    public DataCollection<string> Columns { get; }

    public void AddColumn(string column) => Columns.Add(column);

    public void AddColumns(params string[] columns)
    {
        // Like the official SDK, a null array fails here (NullReferenceException) rather than being ignored.
        foreach (var column in columns)
        {
            Columns.Add(column);
        }
    }
}
