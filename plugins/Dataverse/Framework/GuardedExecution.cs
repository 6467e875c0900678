using System.Diagnostics;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Framework;

/// <summary>
/// The one place that decides how plugin and workflow-activity failures leave our code: traced, and
/// always as an InvalidPluginExecutionException (the only exception whose message reaches the user),
/// with the original exception kept as the cause.
/// </summary>
internal static class GuardedExecution
{
    public static void Run(ITracingService tracing, string component, string description, Action body) =>
        Run(tracing, component, "Entered {0}: {1}", [component, description], body);

    /// <summary>
    /// As <see cref="Run(ITracingService, string, string, Action)"/>, with the entry line given as a format and its arguments
    /// (the component first), traced straight into the tracing service: a plug-in's description is formatted once, into the
    /// trace, not first into a string of its own (session 29: that string was about 2% of a payment posting's bytes).
    /// </summary>
    public static void Run(ITracingService tracing, string component, string enteredFormat, object[] enteredArguments, Action body)
    {
        var stopwatch = Stopwatch.StartNew();
        tracing.Trace(enteredFormat, enteredArguments);
        try
        {
            body();
            tracing.Trace("Exiting {0} after {1} ms", component, stopwatch.ElapsedMilliseconds);
        }
        catch (InvalidPluginExecutionException refusal)
        {
            tracing.Trace("{0} stopped the operation after {1} ms: {2}", component, stopwatch.ElapsedMilliseconds, refusal.Message);
            throw;
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            var detail = fault.Detail;
            tracing.Trace(
                "{0} failed after {1} ms: the organization service returned fault 0x{2:X8}: {3}{4}",
                component,
                stopwatch.ElapsedMilliseconds,
                detail?.ErrorCode ?? 0,
                detail?.Message ?? fault.Message,
                detail?.TraceText is { Length: > 0 } trace ? Environment.NewLine + trace : string.Empty);
            throw new InvalidPluginExecutionException(
                $"{component} could not complete: Dataverse refused a request ({detail?.Message ?? fault.Message}).", fault);
        }
        catch (Exception unexpected) when (IsRecoverable(unexpected))
        {
            tracing.Trace("{0} failed after {1} ms with an unexpected error: {2}", component, stopwatch.ElapsedMilliseconds, unexpected);
            throw new InvalidPluginExecutionException(
                $"{component} failed unexpectedly: {unexpected.GetType().Name}: {unexpected.Message}", unexpected);
        }
    }

    // Out of memory and the like are not ours to dress up; the platform handles them.
    private static bool IsRecoverable(Exception exception) =>
        exception is not (OutOfMemoryException or StackOverflowException or ThreadAbortException);
}
