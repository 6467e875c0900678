using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Storage;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// Who sends a request and from where: a client (depth 0, no transaction) or a plug-in / workflow
/// activity through its factory-made service (its depth, its transaction, its accounting), or an operation generating another
/// message (<see cref="MessageContext.ExecuteWithin"/>: <paramref name="Generated"/>, its context the generated steps' parent).
/// </summary>
internal sealed record CallOrigin(
    Guid UserId,
    Guid InitiatingUserId,
    int CallerDepth = 0,
    Transaction? Transaction = null,
    IExecutionContext? ParentContext = null,
    Guid? CorrelationId = null,
    PluginExecution? Accounting = null,
    bool Generated = false)
{
    /// <summary>
    /// The user who sent the request for <see cref="UserId"/> under impersonation (CallerId; over the Web API CallerObjectId or
    /// MSCRMCallerID), Guid.Empty otherwise: what Dataverse writes to createdonbehalfby / modifiedonbehalfby.
    /// </summary>
    public Guid DelegateUserId { get; init; }

    /// <summary>
    /// The custom logic the client asked this operation to skip (<see cref="Security.BusinessLogicBypass"/>), kept by the messages
    /// the operation generates (<see cref="MessageContext.ExecuteWithin"/>); null for a plug-in's or workflow's own calls.
    /// </summary>
    public Security.BypassedLogic? Bypass { get; init; }

    public static CallOrigin Client(Guid userId) => new(userId, userId);
}
