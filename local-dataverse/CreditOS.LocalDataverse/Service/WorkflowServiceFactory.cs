using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Service;

/// <summary>
/// The IOrganizationServiceFactory a custom workflow activity gets. Microsoft documents
/// CreateOrganizationService: "When called in a custom workflow activity, all service calls are made in the
/// IWorkflowExecutionContext.UserId context", so whatever id the activity passes (null, SYSTEM's, anyone's), the
/// service runs as the workflow's user: never SYSTEM, unlike a plug-in's <see cref="PluginServiceFactory"/>.
/// </summary>
internal sealed class WorkflowServiceFactory(DataverseRuntime runtime, CallOrigin origin) : IOrganizationServiceFactory
{
    public IOrganizationService CreateOrganizationService(Guid? userId) => new LocalOrganizationService(runtime, origin);
}
