using System.Globalization;
using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// ExecuteMultiple: each request in its own transaction, in order; ContinueOnError and ReturnResponses as
/// documented (faults are always returned); at most 1,000 requests; no ExecuteMultiple inside another: "An
/// ExecuteMultipleRequest found in the request collection will generate a fault for that request item" (Execute multiple
/// requests, "Run-time limitations"), so the other items still run as ContinueOnError says.
/// </summary>
internal sealed class ExecuteMultipleRunner(RequestProcessor processor)
{
    public const int MaxBatchSize = 1000;
    private const string MaxBatchSizeDetail = "MaxBatchSize";

    public OrganizationResponse Run(OrganizationRequest request, CallOrigin origin)
    {
        var requests = request.Parameters.TryGetValue(ParameterNames.Requests, out var r) && r is OrganizationRequestCollection collection
            ? collection.ToList()
            : throw DataverseFault.InvalidArgument("ExecuteMultiple needs Requests.");
        var settings = request.Parameters.TryGetValue(ParameterNames.Settings, out var s) && s is ExecuteMultipleSettings given
            ? given
            : throw DataverseFault.InvalidArgument("ExecuteMultiple needs Settings (ContinueOnError, ReturnResponses).");
        if (requests.Count > MaxBatchSize)
        {
            var fault = new OrganizationServiceFault
            {
                ErrorCode = DataverseErrorCodes.ExecuteMultipleBatchSizeExceeded,
                Message = string.Create(CultureInfo.InvariantCulture, $"The number of requests ({requests.Count}) exceeds the maximum batch size of {MaxBatchSize}; no request was executed. Read ErrorDetails[\"MaxBatchSize\"] and resubmit in smaller batches (Dataverse documents that detail, not this local error code)."),
                Timestamp = DateTime.UtcNow,
            };
            fault.ErrorDetails[MaxBatchSizeDetail] = MaxBatchSize;
            throw DataverseFault.Wrap(fault);
        }

        var responses = new ExecuteMultipleResponseItemCollection();
        var faulted = false;
        for (var index = 0; index < requests.Count; index++)
        {
            try
            {
                if (requests[index].RequestName == MessageNames.ExecuteMultiple)
                {
                    // Microsoft publishes no code or wording for this item's fault: InvalidArgument, our words.
                    throw DataverseFault.InvalidArgument(string.Create(
                        CultureInfo.InvariantCulture,
                        $"ExecuteMultipleRequest cannot contain another ExecuteMultipleRequest (request {index} was not executed)."));
                }

                var response = processor.Execute(requests[index], origin);
                if (settings.ReturnResponses)
                {
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = index, Response = response });
                }
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                faulted = true;
                responses.Add(new ExecuteMultipleResponseItem { RequestIndex = index, Fault = fault.Detail });
                if (!settings.ContinueOnError)
                {
                    break;
                }
            }
        }

        var result = new ExecuteMultipleResponse();
        result.Results[ParameterNames.Responses] = responses;
        result.Results[ParameterNames.IsFaulted] = faulted;
        return result;
    }
}
