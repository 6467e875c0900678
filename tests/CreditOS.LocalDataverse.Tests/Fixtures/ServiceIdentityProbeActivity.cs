using System.Activities;
using System.ServiceModel;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Asks the factory for a service with null (a plug-in's SYSTEM) and with SYSTEM's own id, reports as whom each runs
/// (WhoAmI), and tries to create an account through the null one, reporting the refusal's error code (0: created).
/// </summary>
public sealed class ServiceIdentityProbeActivity : CodeActivity
{
    [Input("SYSTEM's user id")]
    [RequiredArgument]
    public InArgument<string> SystemUserId { get; set; } = new();

    [Output("Null service runs as")]
    public OutArgument<string> NullServiceUser { get; set; } = new();

    [Output("SYSTEM-id service runs as")]
    public OutArgument<string> SystemIdServiceUser { get; set; } = new();

    [Output("Create refused with")]
    public OutArgument<int> CreateErrorCode { get; set; } = new();

    protected override void Execute(CodeActivityContext context)
    {
        var factory = context.GetExtension<IOrganizationServiceFactory>();
        var asNull = factory.CreateOrganizationService(null);
        var asSystemId = factory.CreateOrganizationService(Guid.Parse(SystemUserId.Get(context)));
        NullServiceUser.Set(context, ((WhoAmIResponse)asNull.Execute(new WhoAmIRequest())).UserId.ToString());
        SystemIdServiceUser.Set(context, ((WhoAmIResponse)asSystemId.Execute(new WhoAmIRequest())).UserId.ToString());
        try
        {
            asNull.Create(new Entity("account") { ["name"] = "Written by a workflow activity" });
            CreateErrorCode.Set(context, 0);
        }
        catch (FaultException<OrganizationServiceFault> fault)
        {
            CreateErrorCode.Set(context, fault.Detail.ErrorCode);
        }
    }
}
