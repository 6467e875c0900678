namespace Microsoft.Xrm.Sdk;

/// <summary>A plugin: Dataverse calls Execute with a service provider for each registered step.</summary>
public interface IPlugin
{
    void Execute(IServiceProvider serviceProvider);
}
