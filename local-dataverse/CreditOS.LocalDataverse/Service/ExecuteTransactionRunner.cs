using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// ExecuteTransaction: every request in one transaction, all or nothing. "Should any one of the requests fail and the
/// transaction is rolled back, … a ExecuteTransactionFault is returned identifying the index into the request collection of
/// the request message that caused the fault" (Execute messages in a single database transaction): the failing request's
/// fault, as an ExecuteTransactionFault with FaultedRequestIndex, which Microsoft's example reads by casting the detail.
/// </summary>
internal sealed class ExecuteTransactionRunner(DataverseRuntime runtime, RequestProcessor processor)
{
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
            throw DataverseFault.Wrap(Faulted(fault.Detail, index));
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

    private static ExecuteTransactionFault Faulted(OrganizationServiceFault inner, int index)
    {
        var fault = new ExecuteTransactionFault
        {
            ActivityId = inner.ActivityId,
            ErrorCode = inner.ErrorCode,
            ErrorDetails = inner.ErrorDetails,
            HelpLink = inner.HelpLink,
            InnerFault = inner.InnerFault,
            Message = inner.Message,
            Timestamp = inner.Timestamp,
            TraceText = inner.TraceText,
            FaultedRequestIndex = index,
        };
        return fault;
    }
}
