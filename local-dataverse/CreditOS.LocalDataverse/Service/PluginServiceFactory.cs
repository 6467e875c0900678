using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The IOrganizationServiceFactory plug-ins and workflow activities get. Services it creates join the
/// caller's transaction and raise Depth. A null user id means the SYSTEM user, as in Dataverse.
/// </summary>
internal sealed class PluginServiceFactory(DataverseRuntime runtime, CallOrigin origin) : IOrganizationServiceFactory
{
    public IOrganizationService CreateOrganizationService(Guid? userId) =>
        new LocalOrganizationService(runtime, origin with { UserId = userId ?? Users.UserDirectory.SystemUserId });
}
