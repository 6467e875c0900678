using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// The sample plug-in, built on the project's PluginBase: counts credit checks on create (stage 20, by
/// changing the target) and refuses a raised limit above the threshold in stage 40 using its images.
/// </summary>
[PluginStep(Messages.Create, "account", PipelineStage.PreOperation, CreateStep)]
[PluginStep(Messages.Update, "account", PipelineStage.PostOperation, UpdateStep, FilteringAttributes = "creditlimit", UnsecureConfiguration = "100000")]
[PluginImage(UpdateStep, ImageType.PreImage, "before", "creditlimit")]
[PluginImage(UpdateStep, ImageType.PostImage, "after", "creditlimit,name")]
public sealed class SampleCreditLimitPlugin(string? unsecureConfiguration, string? secureConfiguration)
    : PluginBase(unsecureConfiguration, secureConfiguration)
{
    public const string CreateStep = "6f2a0c1e-0000-4000-8000-000000000001";
    public const string UpdateStep = "6f2a0c1e-0000-4000-8000-000000000002";
    public const string RefusalMessage = "A credit limit above the approval threshold needs Finance approval.";

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.MessageName == Messages.Create)
        {
            context.TargetEntity["cos_creditcheckcount"] = 1;
            return;
        }

        var before = context.GetPreImage("before").GetAttributeValue<Money>("creditlimit")?.Value ?? 0m;
        var after = context.GetPostImage("after").GetAttributeValue<Money>("creditlimit")?.Value ?? 0m;
        context.Trace("limit {0} -> {1}", before, after);
        var threshold = decimal.Parse(UnsecureConfiguration ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        if (after > before && after > threshold)
        {
            throw new InvalidPluginExecutionException(RefusalMessage);
        }
    }
}
