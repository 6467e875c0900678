using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// On a contact's creation, creates a credit policy through the service the factory makes for the calling user
/// (job title "as-user") or for SYSTEM (job title "as-system"), so a test can see which security each one carries.
/// </summary>
[PluginStep("Create", "contact", PipelineStage.PostOperation, "7e000000-0000-4000-8000-0000000000c1")]
public sealed class ServiceIdentityProbePlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var target = (Entity)context.InputParameters["Target"];
        var service = target.GetAttributeValue<string>("jobtitle") switch
        {
            "as-user" => factory.CreateOrganizationService(context.UserId),
            "as-system" => factory.CreateOrganizationService(null),
            _ => null,
        };
        service?.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Made by a plug-in" });
    }
}
