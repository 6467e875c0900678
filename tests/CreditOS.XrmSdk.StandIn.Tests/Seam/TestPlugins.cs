extern alias plugins;

using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using plugins::CreditOS.Dataverse.Framework;
using plugins::CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

internal static class TestSteps
{
    public const string AccountUpdate = "5f0e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a01";
    public const string AccountCreate = "5f0e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a02";
    public const string PreImageAlias = "PreImage";
}

[PluginStep(Messages.Update, "account", PipelineStage.PreOperation, TestSteps.AccountUpdate, FilteringAttributes = "creditlimit")]
[PluginImage(TestSteps.AccountUpdate, ImageType.PreImage, TestSteps.PreImageAlias, "creditlimit")]
[PluginStep(Messages.Create, "account", PipelineStage.PostOperation, TestSteps.AccountCreate)]
public sealed class CreditLimitChangePlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    public const string Output = "previouslimit";

    public string? Unsecure => UnsecureConfiguration;

    public string? Secure => SecureConfiguration;

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.GetPreImage(TestSteps.PreImageAlias).GetAttributeValue<Money>("creditlimit");
        context.SetOutputParameter(Output, before);
        context.TargetEntity["description"] = "limit was " + before?.Value;
    }
}

[PluginStep(Messages.Update, "account", PipelineStage.PreOperation, TestSteps.AccountUpdate)]
internal sealed class ThrowingPlugin(Func<LocalPluginContext, Exception> failure) : PluginBase(null, null)
{
    protected override void ExecuteCrmPlugin(LocalPluginContext context) => throw failure(context);
}

[PluginStep(Messages.Update, "account", PipelineStage.PreOperation, TestSteps.AccountUpdate)]
internal sealed class ServiceCallingPlugin() : PluginBase(null, null)
{
    protected override void ExecuteCrmPlugin(LocalPluginContext context) => context.UserService.Update(context.TargetEntity);
}

[CustomApi("cos_RecalculateTier", BoundEntity = "account")]
[CustomApiRequestParameter("cos_Reason", CustomApiFieldType.String, IsOptional = true)]
[CustomApiResponseProperty("cos_Tier", CustomApiFieldType.Picklist)]
public sealed class RecalculateTierApi() : PluginBase(null, null)
{
    protected override void ExecuteCrmPlugin(LocalPluginContext context) => context.SetOutputParameter("cos_Tier", new OptionSetValue(2));
}

internal static class Faults
{
    public static FaultException<OrganizationServiceFault> NotFound() =>
        new(new OrganizationServiceFault { ErrorCode = -2147220969, Message = "account With Id = 1 Does Not Exist" }, "account With Id = 1 Does Not Exist");
}
