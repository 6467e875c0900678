namespace Microsoft.Xrm.Sdk;

/// <summary>Whether ExecuteMultiple continues after a fault and returns responses.</summary>
public sealed class ExecuteMultipleSettings
{
    public bool ContinueOnError { get; set; }

    public bool ReturnResponses { get; set; }
}
