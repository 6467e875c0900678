namespace CreditOS.LocalDataverse.Faults;

/// <summary>
/// The ErrorDetails a plug-in's fault carries when the plug-in gave its own code through
/// InvalidPluginExecutionException(OperationStatus, int, string): named as the Web API's
/// <c>@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus</c> and <c>…ErrorDetails.SubErrorCode</c> annotations
/// (learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors).
/// </summary>
public static class PluginErrorDetails
{
    /// <summary>The plug-in's <c>OperationStatus</c>, as an int (Canceled is 1).</summary>
    public const string OperationStatus = "OperationStatus";

    /// <summary>The code the plug-in gave (the exception's ErrorCode), as an int.</summary>
    public const string SubErrorCode = "SubErrorCode";
}
