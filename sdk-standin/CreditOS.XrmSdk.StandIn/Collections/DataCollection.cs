using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk;

/// <summary>A list of SDK values (Entities, Columns, Conditions...).</summary>
public class DataCollection<T> : Collection<T>
{
    internal DataCollection()
    {
    }

    /// <summary>A collection holding a copy of the list's items (none when the list is null).</summary>
    internal DataCollection(IList<T> list)
    {
        AddRange(list);
    }

    public void AddRange(params T[] items) => AddRange((IEnumerable<T>)items);

    public void AddRange(IEnumerable<T> items)
    {
        if (items is null)
        {
            return;
        }

        foreach (var item in items)
        {
            Add(item);
        }
    }

    public T[] ToArray()
    {
        var copy = new T[Count];
        CopyTo(copy, 0);
        return copy;
    }
}
