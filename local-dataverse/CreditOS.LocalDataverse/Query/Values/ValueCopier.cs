using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Copies stored values into results, so callers never hold the store's own mutable instances (nor each other's).</summary>
internal static class ValueCopier
{
    public static object? Copy(object? value) => value switch
    {
        EntityReference reference => new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name },
        Money money => new Money(money.Value),
        OptionSetValue option => new OptionSetValue(option.Value),
        OptionSetValueCollection options => new OptionSetValueCollection(options.Select(option => new OptionSetValue(option.Value)).ToList()),
        byte[] bytes => bytes.ToArray(),
        // A party list (or any row held in a column) is copied whole, so a result never shares an instance with the store.
        Entity entity => Values.ValueCopier.Copy(entity),
        EntityCollection collection => Values.ValueCopier.Copy(collection),
        _ => value,
    };
}
