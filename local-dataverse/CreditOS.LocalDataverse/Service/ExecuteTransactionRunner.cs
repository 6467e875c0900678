using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// ExecuteTransaction: every request in one transaction, all or nothing. The fault of the failing request
/// is returned with ErrorDetails["FaultedRequestIndex"] (the SDK's ExecuteTransactionFault carries it as a property).
/// </summary>
internal sealed class ExecuteTransactionRunner(DataverseRuntime runtime, RequestProcessor processor)
{
    private const string FaultedRequestIndex = "FaultedRequestIndex";

    public OrganizationResponse Run(OrganizationRequest request, CallOrigin origin)
    {
        var requests = request.Parameters.TryGetValue(ParameterNames.Requests, out var r) && r is OrganizationRequestCollection collection
            ? collection.ToList()
            : throw DataverseFault.InvalidArgument("ExecuteTransaction needs Requests.");
        var returnResponses = request.Parameters.TryGetValue(ParameterNames.ReturnResponses, out var rr) && rr is true;
        if (requests.Any(inner => inner.RequestName is MessageNames.ExecuteMultiple or MessageNames.ExecuteTransaction))
        {
            throw DataverseFault.InvalidArgument("ExecuteTransactionRequest cannot contain ExecuteMultipleRequest or ExecuteTransactionRequest.");
        }

        if (requests.Count > ExecuteMultipleRunner.MaxBatchSize)
        {
            throw DataverseFault.InvalidArgument($"ExecuteTransactionRequest carries at most {ExecuteMultipleRunner.MaxBatchSize} requests.");
        }

        var own = origin.Transaction is null ? runtime.BeginTransaction() : null;
        var inner = origin with { Transaction = origin.Transaction ?? own };
        var responses = new OrganizationResponseCollection();
        var index = 0;
        try
        {
            for (; index < requests.Count; index++)
            {
                responses.Add(processor.Execute(requests[index], inner));
            }

            if (own is not null)
            {
                runtime.AsyncOperations.Enqueue(own.Commit());
            }
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            own?.Rollback();
            fault.Detail.ErrorDetails[FaultedRequestIndex] = index;
            throw;
        }
        catch
        {
            own?.Rollback();
            throw;
        }

        var response = new ExecuteTransactionResponse();
        if (returnResponses)
        {
            response.Results[ParameterNames.Responses] = responses;
        }

        return response;
    }
}
