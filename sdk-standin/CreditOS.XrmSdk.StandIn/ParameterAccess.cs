namespace Microsoft.Xrm.Sdk;

/// <summary>How typed messages read their parameters: an absent parameter reads as default.</summary>
internal static class ParameterAccess
{
    public static T ValueOrDefault<T>(this ParameterCollection parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value is not null ? (T)value : default;
}
