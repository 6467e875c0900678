namespace Microsoft.Xrm.Sdk;

/// <summary>The response or fault of one request of an ExecuteMultiple, by its index.</summary>
public sealed class ExecuteMultipleResponseItem
{
    public OrganizationServiceFault Fault { get; set; }

    public int RequestIndex { get; set; }

    public OrganizationResponse Response { get; set; }
}
