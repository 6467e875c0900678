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

    public static WebApiResult ToResult(FaultException<OrganizationServiceFault> fault, bool createOnly = false, AnnotationPreference? annotations = null)
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
        var result = WebApiResult.Error(status, code, fault.Detail.Message ?? fault.Message);
        if (annotations is not null && result.Body?["error"] is System.Text.Json.Nodes.JsonObject error)
        {
            AddErrorDetails(error, fault.Detail, annotations);
        }

        return result;
    }

    /// <summary>
    /// "Include more details with errors" (compose-http-requests-handle-errors): with the annotations asked for, the error
    /// carries the help link (go.microsoft.com/fwlink/?LinkID=398563&amp;error=Microsoft.Crm.CrmException%3a{code}&amp;client=platform),
    /// the plug-in trace when there is one, and the inner error's message (the message itself here). OperationStatus and
    /// SubErrorCode, set through InvalidPluginExecutionException(OperationStatus, int, string), are not carried by the
    /// local fault and are not added.
    /// </summary>
    private static void AddErrorDetails(System.Text.Json.Nodes.JsonObject error, OrganizationServiceFault fault, AnnotationPreference annotations)
    {
        const string Prefix = "Microsoft.PowerApps.CDS.";
        if (annotations.Includes(Prefix + "HelpLink"))
        {
            error["@" + Prefix + "HelpLink"] = "http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a"
                + fault.ErrorCode.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "&client=platform";
        }

        if (annotations.Includes(Prefix + "TraceText") && !string.IsNullOrEmpty(fault.TraceText))
        {
            error["@" + Prefix + "TraceText"] = fault.TraceText;
        }

        if (annotations.Includes(Prefix + "InnerError.Message"))
        {
            error["@" + Prefix + "InnerError.Message"] = fault.Message;
        }
    }
}
