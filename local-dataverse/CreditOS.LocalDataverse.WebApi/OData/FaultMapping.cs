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
/// <para>
/// A plug-in's InvalidPluginExecutionException answers 400 Bad Request with code 0x80040265 (IsvAborted), Microsoft's example
/// in "Include more details with errors" (same page), unless the plug-in gave a PluginHttpStatusCode through
/// <c>InvalidPluginExecutionException(string, PluginHttpStatusCode)</c> or <c>(OperationStatus, int, string,
/// PluginHttpStatusCode)</c> ("…with an error message and an HTTP status code", learn.microsoft.com/dotnet/api/
/// microsoft.xrm.sdk.invalidpluginexecutionexception.-ctor): then the answer has that status, the body unchanged.
/// </para>
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
        // A disabled user (the caller, the impersonated MSCRMCallerID/CallerObjectId user, or a plug-in's): a live Web API answer is
        // 403 with this code (microsoft/coe-starter-kit#8177, "statusCode":"403", "code":"0x80040225"); it answered 400 before round 13.
        DataverseErrorCodes.UserNotEnabled,
    ];

    /// <summary>The query engine's NotSupported code (0x80040315), which it gives its "The local Dataverse does not support …" refusals.</summary>
    private const int LocalQueryNotSupported = unchecked((int)0x80040315);

    public static WebApiResult ToResult(FaultException<OrganizationServiceFault> fault, bool createOnly = false, AnnotationPreference? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var code = fault.Detail.ErrorCode;
        var status = code switch
        {
            _ when PluginHttpStatuses.Of(fault.Detail) is not PluginHttpStatusCode.NotSet and var asked => (int)asked,
            _ when Forbidden.Contains(code) => 403,
            DataverseErrorCodes.ObjectDoesNotExist => 404,
            // A row addressed by alternate key that no row holds: RecordNotFoundByEntityKey, a missing resource as
            // ObjectDoesNotExist is (Web API round 9).
            DataverseErrorCodes.RecordNotFoundByEntityKey => 404,
            WebApiErrorCodes.ResourceNotFound => 404,
            DataverseErrorCodes.ConcurrencyVersionMismatch => 412,
            DataverseErrorCodes.UnexpectedError when fault.Detail.Message?.StartsWith("The local ", StringComparison.Ordinal) == true => 501,
            // The query engine's own refusals ("The local Dataverse does not support …", 0x80040315: a hierarchy deeper than Dataverse's
            // 100 recursions, a loop in another table's hierarchy…) are what the local Dataverse does not do, not what Dataverse refuses:
            // 501 as the other local refusals (session 28; they answered 400, which tells a client the real service refuses the request).
            LocalQueryNotSupported when fault.Detail.Message?.StartsWith("The local ", StringComparison.Ordinal) == true => 501,
            // "Identify status codes" lists DuplicateRecord under 412 Precondition Failed and CannotDeleteDueToAssociation under
            // 405 Method Not Allowed; the alternate-key duplicate (DuplicateRecordEntityKey) is not listed: 412 only for a
            // create-only upsert (If-None-Match: *), else 400.
            DataverseErrorCodes.DuplicateRecord => 412,
            DataverseErrorCodes.DuplicateRecordEntityKey => createOnly ? 412 : 400,
            DataverseErrorCodes.CannotDeleteDueToAssociation => 405,
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
    /// the plug-in trace when there is one, the inner error's message (the message itself here), and
    /// <c>ErrorDetails.OperationStatus</c> / <c>ErrorDetails.SubErrorCode</c> as Microsoft's example shows them ("1", "12345"), from the
    /// fault's ErrorDetails (<c>OperationStatus</c>, <c>SubErrorCode</c>) when a plug-in gave its own code.
    /// </summary>
    private static void AddErrorDetails(System.Text.Json.Nodes.JsonObject error, OrganizationServiceFault fault, AnnotationPreference annotations)
    {
        const string Prefix = "Microsoft.PowerApps.CDS.";
        // In the order of Microsoft's example: the details, the help link, the trace, the inner message.
        foreach (var detail in new[] { PluginErrorDetails.OperationStatus, PluginErrorDetails.SubErrorCode })
        {
            if (annotations.Includes(Prefix + "ErrorDetails." + detail) && fault.ErrorDetails.TryGetValue(detail, out var value) && value is not null)
            {
                error["@" + Prefix + "ErrorDetails." + detail] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

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
