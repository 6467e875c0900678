namespace Microsoft.Xrm.Sdk;

/// <summary>
/// The detail of the fault an ExecuteTransactionRequest returns when one of its requests fails: the failing request's fault,
/// with the index of that request in <see cref="Messages.ExecuteTransactionRequest.Requests"/>.
/// </summary>
public sealed class ExecuteTransactionFault : OrganizationServiceFault
{
    public int FaultedRequestIndex { get; set; }
}
