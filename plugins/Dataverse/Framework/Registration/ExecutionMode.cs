namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>Whether a step runs in the caller's operation or after commit by the async service.</summary>
public enum ExecutionMode
{
    Synchronous = 0,
    Asynchronous = 1,
}
