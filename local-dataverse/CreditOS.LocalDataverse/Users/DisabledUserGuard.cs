using System.Globalization;
using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Users;

/// <summary>
/// Disabled users cannot access the system: a request made as a disabled user (`systemuser.isdisabled`), directly, through
/// CallerId or through a plug-in's CreateOrganizationService(id), is refused before anything runs. Microsoft documents the
/// answer for a plug-in running as a disabled user ("Troubleshoot Dataverse plug-ins", "Error when executing in the context
/// of a disabled user") and lists its code as unManagedidsusernotenabled 0x80040225. Before session 20 such calls were served.
/// The SYSTEM user is never disabled.
/// </summary>
internal static class DisabledUserGuard
{
    private const string DisabledColumn = "isdisabled";

    public static void Check(DataverseRuntime runtime, Guid userId, Transaction? transaction)
    {
        if (userId == UserDirectory.SystemUserId || !runtime.Store.HasTable(UserDirectory.SystemUserTable))
        {
            return;
        }

        var user = transaction is not null ? transaction.Find(UserDirectory.SystemUserTable, userId) : runtime.Store.Find(UserDirectory.SystemUserTable, userId);
        if (IsDisabled(user))
        {
            throw Disabled(userId, runtime.OrganizationId);
        }
    }

    /// <summary>Whether a systemuser row is disabled (a missing row is not).</summary>
    public static bool IsDisabled(Entity? user) => user?.GetAttributeValue<bool>(DisabledColumn) == true;

    private static FaultException<OrganizationServiceFault> Disabled(Guid userId, Guid organizationId) =>
        DataverseFault.Create(
            DataverseErrorCodes.UserNotEnabled,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The user with SystemUserId={userId:D} in OrganizationContext={organizationId:D} is disabled. Disabled users cannot access the system. Consider enabling this user. Also, users are disabled if they don't have a license assigned to them."));
}
