using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// Entry point of every request: counts the call for the calling plug-in, applies the depth guard and
/// hands the request to the batch messages or to the event pipeline.
/// </summary>
internal sealed class RequestProcessor(DataverseRuntime runtime)
{
    public OrganizationResponse Execute(OrganizationRequest request, CallOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (origin.Accounting is { } accounting)
        {
            accounting.ServiceCalls++;
        }

        // A call in a transaction an earlier failed call ended (a plug-in that caught the fault and carried on).
        Pipeline.SwallowedFaultGuard.RefuseCallIn(origin.Transaction);
        var depth = origin.CallerDepth + 1;
        if (depth > runtime.Options.MaxDepth)
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.InfiniteLoopDetected,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again. (Depth {depth} exceeds the maximum of {runtime.Options.MaxDepth}: {request.RequestName} called from a plug-in.)"));
        }

        Users.DisabledUserGuard.Check(runtime, origin.UserId, origin.Transaction);
        if (Security.BusinessLogicBypass.Read(runtime, request, origin) is { } bypass)
        {
            origin = origin with { Bypass = bypass };
        }

        DuplicateDetection.Check(request);
        return request.RequestName switch
        {
            MessageNames.ExecuteMultiple => new ExecuteMultipleRunner(this).Run(request, origin),
            MessageNames.ExecuteTransaction => new ExecuteTransactionRunner(runtime, this).Run(request, origin),
            BulkOperationRunner.CreateMultiple or BulkOperationRunner.UpdateMultiple or BulkOperationRunner.UpsertMultiple => new BulkOperationRunner(runtime).Run(request, origin),
            BulkOperationRunner.DeleteMultiple => throw BulkOperationRunner.DeleteMultipleOnAStandardTable(),
            _ => runtime.Pipeline.Run(runtime.Handlers.For(request.RequestName), request, origin, depth),
        };
    }
}
