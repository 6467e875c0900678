using System.Reflection;
using Microsoft.Xrm.Sdk.Client;

namespace Microsoft.Xrm.Sdk;

/// <summary>A Dataverse row: logical name, id and the columns present in it.</summary>
public class Entity
{
    private Guid id;
    // Formatted values, related entities and keys are made when first read: most rows the local Dataverse copies, images and
    // projects never use the last two (and a caller's new row no formatted values), and three empty collections with their
    // dictionaries were a good part of every row's bytes. Reading any of them still gives one collection, kept.
    private FormattedValueCollection formattedValues;
    private RelatedEntityCollection relatedEntities;
    private LazyKeyAttributes keyAttributes;
    // Session 31: formatted values of a row the local Dataverse returned, made when first read (most plug-ins never read them).
    private volatile DeferredFormattedValues deferredFormattedValues;

    public Entity()
        : this((string)null)
    {
    }

    public Entity(string entityName)
    {
        LogicalName = entityName;
        Attributes = new AttributeCollection();
    }

    public Entity(string entityName, Guid id)
        : this(entityName)
    {
        this.id = id;
    }

    public Entity(string entityName, string keyName, object keyValue)
        : this(entityName)
    {
        KeyAttributes.Add(keyName, keyValue);
    }

    public Entity(string entityName, KeyAttributeCollection keyAttributes)
        : this(entityName)
    {
        if (keyAttributes is not null)
        {
            KeyAttributes = keyAttributes;
        }
    }

    public AttributeCollection Attributes { get; set; }

    public EntityState? EntityState { get; set; }

    public FormattedValueCollection FormattedValues
    {
        get
        {
            if (deferredFormattedValues is { } deferred)
            {
                // Made once, under the source's lock, so two readers of a shared row never see it half filled.
                lock (deferred)
                {
                    if (deferredFormattedValues is not null)
                    {
                        var made = formattedValues ?? new FormattedValueCollection();
                        deferred.FillInto(made);
                        formattedValues = made;
                        deferredFormattedValues = null;
                    }
                }
            }

            return formattedValues ??= new FormattedValueCollection();
        }
    }

    public virtual Guid Id
    {
        get => id;
        set => id = value;
    }

    /// <summary>Settable to null, as the SDK's: then null is what is read.</summary>
    public KeyAttributeCollection KeyAttributes
    {
        get => keyAttributes.Get();
        set => keyAttributes.Set(value);
    }

    /// <summary>
    /// Not SDK surface (internal, for the local Dataverse's copies): whether reading <see cref="KeyAttributes"/> could give
    /// anything to copy, without making the collection only to find it empty.
    /// </summary>
    internal bool MayHaveKeyAttributes => keyAttributes.MayHaveAny;

    /// <summary>Not SDK surface (internal, for the local Dataverse's copies): whether any formatted value was set.</summary>
    internal bool HasFormattedValues => deferredFormattedValues is not null || formattedValues is { Count: > 0 };

    /// <summary>Not SDK surface (internal, for the local Dataverse): the formatted values still to be made, or null.</summary>
    internal DeferredFormattedValues PendingFormattedValues => deferredFormattedValues;

    /// <summary>
    /// Not SDK surface (internal, for the local Dataverse): formatted values made from <paramref name="source"/> when
    /// <see cref="FormattedValues"/> is first read; only on a row with none yet.
    /// </summary>
    internal void DeferFormattedValues(DeferredFormattedValues source)
    {
        if (formattedValues is { Count: > 0 } || deferredFormattedValues is not null)
        {
            throw new InvalidOperationException("The row's formatted values are already given.");
        }

        deferredFormattedValues = source;
    }

    /// <summary>Not SDK surface (internal, for the local Dataverse's copies): whether any related rows were given (deep insert or update).</summary>
    internal bool HasRelatedEntities => relatedEntities is { Count: > 0 };

    public string LogicalName { get; set; }

    public RelatedEntityCollection RelatedEntities => relatedEntities ??= new RelatedEntityCollection();

    public string RowVersion { get; set; }

    /// <summary>The value of a column; throws KeyNotFoundException when the column is not in the row.</summary>
    public object this[string attributeName]
    {
        get => Attributes[attributeName];
        set => Attributes[attributeName] = value;
    }

    public bool Contains(string attributeName) => Attributes.Contains(attributeName);

    /// <summary>The value of a column cast to T, or default(T) when the column is absent or null.</summary>
    public virtual T GetAttributeValue<T>(string attributeLogicalName)
    {
        return Attributes.TryGetValue(attributeLogicalName, out var value) && value is not null ? (T)value : default;
    }

    public bool TryGetAttributeValue<T>(string attributeKey, out T result)
    {
        if (Attributes.TryGetValue(attributeKey, out var value) && value is T typed)
        {
            result = typed;
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>A reference with this row's logical name, id and row version (not its alternate keys or name).</summary>
    public EntityReference ToEntityReference() => new(LogicalName, Id) { RowVersion = RowVersion };

    /// <summary>
    /// A new object of type T over the same row: it shares this row's attribute, key, formatted-value
    /// and related-entity collections, as the official SDK does. The logical names must agree.
    /// </summary>
    public T ToEntity<T>()
        where T : Entity
    {
        if (typeof(T) == typeof(Entity))
        {
            var plain = new Entity();
            CopyTo(plain);
            return (T)plain;
        }

        var expected = typeof(T).GetCustomAttribute<EntityLogicalNameAttribute>()?.LogicalName;
        if (expected is null)
        {
            throw new NotSupportedException($"{typeof(T).FullName} has no EntityLogicalNameAttribute.");
        }

        if (!string.IsNullOrEmpty(LogicalName) && !string.Equals(expected, LogicalName, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Cannot convert an entity of type {LogicalName} to {typeof(T).FullName} ({expected}).");
        }

        var typed = Activator.CreateInstance<T>();
        CopyTo(typed);
        return typed;
    }

    protected virtual void SetAttributeValue(string attributeLogicalName, object value) => this[attributeLogicalName] = value;

    protected virtual string GetFormattedAttributeValue(string attributeLogicalName) =>
        FormattedValues.TryGetValue(attributeLogicalName, out var text) ? text : null;

    private void CopyTo(Entity target)
    {
        target.LogicalName = LogicalName;
        target.Id = Id;
        target.Attributes = Attributes;
        // The same collections, made now if not yet, so the two go on sharing them.
        target.KeyAttributes = KeyAttributes;
        target.formattedValues = FormattedValues;
        target.relatedEntities = RelatedEntities;
        target.EntityState = EntityState;
        target.RowVersion = RowVersion;
    }
}
