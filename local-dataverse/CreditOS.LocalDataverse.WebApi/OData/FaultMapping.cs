using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Turns organization service faults into Web API status codes and OData error bodies. The status codes follow Microsoft's
/// table "Identify status codes" ("Compose HTTP requests and handle errors", learn.microsoft.com/power-apps/developer/
/// data-platform/webapi/compose-http-requests-handle-errors): 403 Forbidden for PrivilegeDenied, AccessDenied,
/// AttributePrivilegeCreateIsMissing, AttributePermissionUpdateIsMissingDuringUpdate and CannotActOnBehalfOfAnotherUser;
/// 400 for an invalid argument; 404 for a missing resource; 412 for a concurrency mismatch.
/// </summary>
public static class FaultMapping
{
    /// <summary>The security faults Microsoft lists under 403 Forbidden that the local Dataverse raises.</summary>
    private static readonly HashSet<int> Forbidden =
    [
        DataverseErrorCodes.PrivilegeDenied,
        DataverseErrorCodes.AccessDenied,
        DataverseErrorCodes.AttributePrivilegeCreateIsMissing,
        DataverseErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
        DataverseErrorCodes.CannotActOnBehalfOfAnotherUser,
    ];

    public static WebApiResult ToResult(FaultException<OrganizationServiceFault> fault, bool createOnly = false)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var code = fault.Detail.ErrorCode;
        var status = code switch
        {
            _ when Forbidden.Contains(code) => 403,
            DataverseErrorCodes.ObjectDoesNotExist => 404,
            WebApiErrorCodes.ODataPayloadError when fault.Detail.Message?.StartsWith(EntityJson.ResourceNotFoundPrefix, StringComparison.Ordinal) == true => 404,
            DataverseErrorCodes.ConcurrencyVersionMismatch => 412,
            DataverseErrorCodes.UnexpectedError when fault.Detail.Message?.StartsWith("The local ", StringComparison.Ordinal) == true => 501,
            DataverseErrorCodes.DuplicateRecord or DataverseErrorCodes.DuplicateRecordEntityKey => createOnly ? 412 : 400,
            DataverseErrorCodes.SqlTimeout or DataverseErrorCodes.GenericSqlError or DataverseErrorCodes.UnexpectedError => 500,
            _ => 400,
        };
        return WebApiResult.Error(status, code, fault.Detail.Message ?? fault.Message);
    }
}
