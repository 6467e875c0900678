using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Users;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The IOrganizationServiceFactory plug-ins and workflow activities get. Services it creates join the
/// caller's transaction and raise Depth. A null user id means the SYSTEM user, as in Dataverse.
/// </summary>
internal sealed class PluginServiceFactory(DataverseRuntime runtime, CallOrigin origin) : IOrganizationServiceFactory
{
    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId ?? UserDirectory.SystemUserId;
        if (!runtime.Users.Exists(user))
        {
            throw DataverseFault.RecordNotFound(UserDirectory.SystemUserTable, user);
        }

        return new LocalOrganizationService(runtime, origin with { UserId = user });
    }
}
