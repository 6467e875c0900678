using CreditOS.LocalDataverse.Service;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>Runs a plug-in with the context Dataverse would give it, records its accounting and maps its failure to a fault.</summary>
internal sealed class StepInvoker(DataverseRuntime runtime)
{
    private const string StepTable = "sdkmessageprocessingstep";

    public void Invoke(StepInvocation invocation)
    {
        var operation = invocation.Operation;
        var registration = invocation.Registration;
        var mode = registration.IsAsynchronous ? 1 : 0;
        var context = new LocalPluginExecutionContext
        {
            BusinessUnitId = runtime.Users.BusinessUnitOf(operation.UserId),
            CorrelationId = operation.CorrelationId,
            Depth = operation.Depth,
            InitiatingUserId = operation.Origin.InitiatingUserId,
            InputParameters = invocation.Input,
            IsInTransaction = invocation.Transaction is not null,
            MessageName = operation.MessageName,
            Mode = mode,
            OperationCreatedOn = operation.OperationCreatedOn,
            OperationId = operation.OperationId,
            OrganizationId = runtime.OrganizationId,
            OrganizationName = runtime.OrganizationName,
            OutputParameters = invocation.Output,
            OwningExtension = new EntityReference(StepTable, registration.StepId),
            // Null when the step has no such image: the context makes the empty collection when first read.
            PostEntityImages = invocation.PostImages!,
            PreEntityImages = invocation.PreImages!,
            PrimaryEntityId = operation.PrimaryEntityId,
            PrimaryEntityName = operation.PrimaryEntityName,
            RequestId = operation.RequestId,
            SharedVariables = invocation.SharedVariables,
            UserId = operation.UserId,
            ParentContext = invocation.ParentContext ?? (operation.Origin.ParentContext as IPluginExecutionContext)!,
            Stage = (int)registration.Stage,
        };

        var accounting = new PluginExecution(
            registration.PluginType, operation.MessageName, operation.PrimaryEntityName, (int)registration.Stage, mode, operation.Depth);
        var tracing = new LocalTracingService();
        var origin = new CallOrigin(
            operation.UserId,
            operation.Origin.InitiatingUserId,
            operation.Depth,
            invocation.Transaction,
            context,
            operation.CorrelationId,
            accounting);
        runtime.Record(accounting);
        var endedBefore = invocation.Transaction?.DoomedBecause is not null;
        try
        {
            invocation.Step.Plugin.Execute(new PluginServiceProvider(context, tracing, new PluginServiceFactory(runtime, origin)));
            SwallowedFaultGuard.RefuseReturnAfter(invocation.Transaction, endedBefore);
            accounting.Succeeded = true;
        }
        catch (Exception exception)
        {
            var fault = PluginFaults.From(exception, registration.PluginType, tracing.ToString());
            accounting.Error = fault.Detail.Message;
            throw fault;
        }
        finally
        {
            accounting.KeepTrace(tracing);
        }
    }

    /// <summary>
    /// The operation as its pre-validation steps see it (stage 10, mode 0), the ParentContext of its stage 20 and 40 steps on
    /// Create, Update and Delete, carrying stage 10's SharedVariables. Microsoft documents only that those shared variables are
    /// found there; the other values are the operation's own, and OwningExtension is null (no one step owns it).
    /// </summary>
    /// <param name="primaryEntityName">The operation's table when its stage 10 ended.</param>
    /// <param name="primaryEntityId">The operation's row id when its stage 10 ended (empty for a Create whose caller chose none).</param>
    public IPluginExecutionContext PreValidationContext(MessageContext operation, string primaryEntityName, Guid primaryEntityId) => new LocalPluginExecutionContext
    {
        BusinessUnitId = runtime.Users.BusinessUnitOf(operation.UserId),
        CorrelationId = operation.CorrelationId,
        Depth = operation.Depth,
        InitiatingUserId = operation.Origin.InitiatingUserId,
        InputParameters = operation.Input,
        IsInTransaction = operation.Origin.Transaction is not null,
        MessageName = operation.MessageName,
        Mode = 0,
        OperationCreatedOn = operation.OperationCreatedOn,
        OperationId = operation.OperationId,
        OrganizationId = runtime.OrganizationId,
        OrganizationName = runtime.OrganizationName,
        OutputParameters = new ParameterCollection(),
        OwningExtension = null!,
        PrimaryEntityId = primaryEntityId,
        PrimaryEntityName = primaryEntityName,
        RequestId = operation.RequestId,
        SharedVariables = operation.SharedVariables,
        UserId = operation.UserId,
        ParentContext = (operation.Origin.ParentContext as IPluginExecutionContext)!,
        Stage = (int)PipelineStageNumber.PreValidation,
    };
}
