using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// What the caller sees when a plug-in fails, as a Dataverse SDK client sees it: a
/// FaultException&lt;OrganizationServiceFault&gt; whose Message is an InvalidPluginExecutionException's
/// message unchanged (ErrorCode IsvAborted unless the plug-in gave its own), or for any other exception
/// IsvUnExpected with the exception named. The plug-in's trace is in the fault's TraceText.
/// </summary>
internal static class PluginFaults
{
    private const int DefaultExceptionHResult = unchecked((int)0x80131500);

    public static FaultException<OrganizationServiceFault> From(Exception exception, Type pluginType, string trace) => exception switch
    {
        InvalidPluginExecutionException invalid => DataverseFault.Create(ErrorCodeOf(invalid), invalid.Message, trace),
        FaultException<OrganizationServiceFault> fault => WithTrace(fault, trace),
        _ => DataverseFault.Create(
            DataverseErrorCodes.IsvUnExpected,
            $"Unexpected exception from plug-in (Execute): {pluginType.FullName}: {exception.GetType().FullName}: {exception.Message}",
            trace + exception),
    };

    // The exception's HResult unless the plug-in gave none (the default COR_E_EXCEPTION), in which case IsvAborted.
    private static int ErrorCodeOf(InvalidPluginExecutionException exception) =>
        exception.ErrorCode == DefaultExceptionHResult ? DataverseErrorCodes.IsvAborted : exception.ErrorCode;

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
        return DataverseFault.Wrap(detail);
    }
}
