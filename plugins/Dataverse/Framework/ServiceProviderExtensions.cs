using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

internal static class ServiceProviderExtensions
{
    /// <summary>The platform service of type T; a clear InvalidPluginExecutionException when the host gives none.</summary>
    public static T Require<T>(this IServiceProvider serviceProvider)
        where T : class =>
        serviceProvider.GetService(typeof(T)) as T
        ?? throw new InvalidPluginExecutionException($"The host did not provide {typeof(T).Name}.");
}
