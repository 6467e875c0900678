using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>One run of one step for one operation, with what its context holds (null images: none registered, made empty when read).</summary>
internal sealed record StepInvocation(
    RegisteredStep Step,
    MessageContext Operation,
    Transaction? Transaction,
    ParameterCollection Input,
    ParameterCollection Output,
    ParameterCollection SharedVariables,
    EntityImageCollection? PreImages,
    EntityImageCollection? PostImages)
{
    public PluginStepRegistration Registration => Step.Registration;

    /// <summary>The context's ParentContext when it is not the calling plug-in's (stages 20 and 40 of Create, Update, Delete).</summary>
    public IPluginExecutionContext? ParentContext { get; init; }
}
