namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>The outcome of one asynchronous step or background workflow (a system job in Dataverse; ProcessName set for workflows). A failure does not undo the operation.</summary>
public sealed record AsyncOperationResult(
    Type PluginType,
    string MessageName,
    string PrimaryEntityName,
    Guid PrimaryEntityId,
    bool Succeeded,
    string? Error,
    string? ProcessName = null);
