using System.Collections;

namespace Microsoft.Xrm.Sdk;

/// <summary>A keyed SDK collection (attributes, parameters, images). Absent keys throw KeyNotFoundException on read.</summary>
public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
{
    private readonly IDictionary<TKey, TValue> items;

    protected DataCollection()
        : this(new Dictionary<TKey, TValue>())
    {
    }

    protected DataCollection(IDictionary<TKey, TValue> collection)
    {
        items = collection ?? throw new ArgumentNullException(nameof(collection));
    }

    public int Count => items.Count;

    public virtual bool IsReadOnly => false;

    public ICollection<TKey> Keys => items.Keys;

    public ICollection<TValue> Values => items.Values;

    public virtual TValue this[TKey key]
    {
        get => items[key];
        set
        {
            ThrowIfReadOnly();
            items[key] = value;
        }
    }

    public void Add(TKey key, TValue value)
    {
        ThrowIfReadOnly();
        items.Add(key, value);
    }

    public void Add(KeyValuePair<TKey, TValue> item)
    {
        ThrowIfReadOnly();
        items.Add(item);
    }

    public void AddRange(params KeyValuePair<TKey, TValue>[] items) => AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);

    public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
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

    public void Clear()
    {
        ThrowIfReadOnly();
        items.Clear();
    }

    public bool Contains(TKey key) => items.ContainsKey(key);

    public bool Contains(KeyValuePair<TKey, TValue> key) => items.Contains(key);

    public bool ContainsKey(TKey key) => items.ContainsKey(key);

    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Remove(TKey key)
    {
        ThrowIfReadOnly();
        return items.Remove(key);
    }

    public bool Remove(KeyValuePair<TKey, TValue> item)
    {
        ThrowIfReadOnly();
        return items.Remove(item);
    }

    public bool TryGetValue(TKey key, out TValue value) => items.TryGetValue(key, out value);

    /// <summary>
    /// Not SDK surface (internal, for the local Dataverse, which plays the platform): room for <paramref name="capacity"/>
    /// entries at once, so a copy of a row with many columns does not grow its dictionary entry by entry.
    /// </summary>
    internal void EnsureCapacity(int capacity)
    {
#if NET
        if (items is Dictionary<TKey, TValue> dictionary)
        {
            dictionary.EnsureCapacity(capacity);
        }
#endif
    }

    /// <summary>
    /// Not SDK surface (internal, for the local Dataverse): the entries as the dictionary that holds them, walked with its
    /// own enumerator (a value) instead of the boxed one <see cref="GetEnumerator"/> must return (session 29: every row copy,
    /// image and parameter copy boxed one). A collection made on another kind of dictionary gives a copy of its entries.
    /// </summary>
    internal Dictionary<TKey, TValue> Entries => items as Dictionary<TKey, TValue> ?? new Dictionary<TKey, TValue>(items);

    private void ThrowIfReadOnly()
    {
        if (IsReadOnly)
        {
            throw new NotSupportedException("The collection is read-only.");
        }
    }
}
