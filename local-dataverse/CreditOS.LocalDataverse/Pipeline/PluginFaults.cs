using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// What the caller sees when a plug-in fails, as a Dataverse SDK client sees it: a
/// FaultException&lt;OrganizationServiceFault&gt; whose Message is an InvalidPluginExecutionException's
/// message unchanged, or for any other exception IsvUnExpected with the exception named. The plug-in's trace is in the
/// fault's TraceText.
/// <para>
/// The ErrorCode of an InvalidPluginExecutionException is always IsvAborted 0x80040265: "A thrown
/// InvalidPluginExecutionException returns to the caller with a friendly message and an IsvAborted error code"
/// (learn.microsoft.com/power-apps/developer/data-platform/best-practices/business-logic/use-invalidpluginexecutionexception-plugin-workflow-activities).
/// The code a plug-in gives through InvalidPluginExecutionException(OperationStatus, int, string) is not the fault's code: it
/// is the SubErrorCode, next to the OperationStatus. Microsoft's example (webapi/compose-http-requests-handle-errors, "Include
/// more details with errors") throws (OperationStatus.Canceled, 12345, "Example Error Message.") and the Web API answers
/// 400 with code 0x80040265, <c>@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus</c> "1" and
/// <c>…ErrorDetails.SubErrorCode</c> "12345". The local fault carries them in ErrorDetails under those names
/// (<see cref="PluginErrorDetails"/>); Microsoft documents the annotations, not the SDK
/// fault's keys. A plug-in that gave no code (the other constructors) gets neither.
/// </para>
/// </summary>
internal static class PluginFaults
{
    private const int DefaultExceptionHResult = unchecked((int)0x80131500);

    public static FaultException<OrganizationServiceFault> From(Exception exception, Type pluginType, string trace) => exception switch
    {
        InvalidPluginExecutionException invalid => Aborted(invalid, trace),
        FaultException<OrganizationServiceFault> fault => WithTrace(fault, trace),
        _ => DataverseFault.Create(
            DataverseErrorCodes.IsvUnExpected,
            $"Unexpected exception from plug-in (Execute): {pluginType.FullName}: {exception.GetType().FullName}: {exception.Message}",
            trace + exception),
    };

    private static FaultException<OrganizationServiceFault> Aborted(InvalidPluginExecutionException exception, string trace)
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = DataverseErrorCodes.IsvAborted,
            Message = exception.Message,
            Timestamp = DateTime.UtcNow,
            TraceText = trace,
        };

        // The exception's HResult is the code the plug-in gave; the default COR_E_EXCEPTION means it gave none.
        if (exception.ErrorCode != DefaultExceptionHResult)
        {
            fault.ErrorDetails[PluginErrorDetails.OperationStatus] = (int)exception.Status;
            fault.ErrorDetails[PluginErrorDetails.SubErrorCode] = exception.ErrorCode;
        }

        PluginHttpStatuses.Set(fault, exception.HttpStatus);
        return DataverseFault.Wrap(fault);
    }

    private static FaultException<OrganizationServiceFault> WithTrace(FaultException<OrganizationServiceFault> fault, string trace)
    {
        var detail = new OrganizationServiceFault
        {
            ErrorCode = fault.Detail.ErrorCode,
            Message = fault.Detail.Message,
            Timestamp = fault.Detail.Timestamp,
            ErrorDetails = fault.Detail.ErrorDetails,
            InnerFault = fault.Detail.InnerFault,
            TraceText = string.IsNullOrEmpty(fault.Detail.TraceText) ? trace : trace + fault.Detail.TraceText,
        };
        // A plug-in that lets a nested plug-in's fault through passes on its HTTP status too.
        PluginHttpStatuses.Set(detail, PluginHttpStatuses.Of(fault.Detail));
        return DataverseFault.Wrap(detail);
    }
}
