namespace Microsoft.Xrm.Sdk;

/// <summary>The execution context of a plugin step: adds the stage and the parent operation's context.</summary>
public interface IPluginExecutionContext : IExecutionContext
{
    IPluginExecutionContext ParentContext { get; }

    int Stage { get; }
}
