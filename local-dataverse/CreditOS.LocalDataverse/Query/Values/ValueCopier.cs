using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Copies stored values into results, so callers never hold the store's own mutable instances.</summary>
internal static class ValueCopier
{
    public static object? Copy(object? value) => value switch
    {
        EntityReference reference => new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name },
        Money money => new Money(money.Value),
        OptionSetValue option => new OptionSetValue(option.Value),
        OptionSetValueCollection options => new OptionSetValueCollection(options.Select(option => new OptionSetValue(option.Value)).ToList()),
        byte[] bytes => bytes.ToArray(),
        _ => value,
    };
}
