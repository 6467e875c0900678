extern alias plugins;

using Microsoft.Xrm.Sdk;
using plugins::CreditOS.Dataverse.Framework;
using plugins::CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

public class SeamRulesTests
{
    [Fact]
    public void EveryPluginInTheDeployableAssembly_KeepsTheSeamContract()
    {
        var violations = SeamRules.PluginTypesIn(typeof(PluginBase).Assembly).SelectMany(SeamRules.ViolationsOf).ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void StepIds_AreUniqueAcrossTheDeployableAssembly()
    {
        var duplicates = SeamRules.PluginTypesIn(typeof(PluginBase).Assembly)
            .SelectMany(t => t.GetCustomAttributes(typeof(PluginStepAttribute), inherit: false).Cast<PluginStepAttribute>())
            .GroupBy(s => s.StepId, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void WellFormedPlugin_HasNoViolations()
    {
        Assert.Empty(SeamRules.ViolationsOf(typeof(CreditLimitChangePlugin)));
        Assert.Empty(SeamRules.ViolationsOf(typeof(RecalculateTierApi)));
    }

    [Fact]
    public void PluginOutsideTheSeam_IsReported()
    {
        var violations = SeamRules.ViolationsOf(typeof(BarePlugin));

        Assert.Contains(violations, v => v.Contains("without deriving from PluginBase", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("declares no [PluginStep]", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("is not public", StringComparison.Ordinal));
    }

    [Fact]
    public void StatefulPlugin_IsReported()
    {
        var violations = SeamRules.ViolationsOf(typeof(StatefulPlugin));

        Assert.Contains(violations, v => v.Contains("instance field lastOrder is writable", StringComparison.Ordinal));
    }

    [Fact]
    public void ImageOfUndeclaredStep_AndPostImageBeforePostOperation_AreReported()
    {
        var violations = SeamRules.ViolationsOf(typeof(MisregisteredPlugin));

        Assert.Contains(violations, v => v.Contains("image 'Orphan' belongs to step", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("image 'After' asks for a post-image", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'not-a-guid' is not a GUID", StringComparison.Ordinal));
    }

    private sealed class BarePlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
        }
    }

    [PluginStep(Messages.Create, "salesorder", PipelineStage.PreOperation, "7a1e2b3c-4d5e-4f60-8a71-000000000001")]
    private sealed class StatefulPlugin() : PluginBase(null, null)
    {
        private EntityReference? lastOrder;

        protected override void ExecuteCrmPlugin(LocalPluginContext context) => lastOrder = context.TargetReference;

        public EntityReference? LastOrder => lastOrder;
    }

    [PluginStep(Messages.Update, "salesorder", PipelineStage.PreOperation, "7a1e2b3c-4d5e-4f60-8a71-000000000002")]
    [PluginStep(Messages.Delete, "salesorder", PipelineStage.PreOperation, "not-a-guid")]
    [PluginImage("7a1e2b3c-4d5e-4f60-8a71-0000000000ff", ImageType.PreImage, "Orphan", "totalamount")]
    [PluginImage("7a1e2b3c-4d5e-4f60-8a71-000000000002", ImageType.PostImage, "After", "totalamount")]
    private sealed class MisregisteredPlugin() : PluginBase(null, null)
    {
        protected override void ExecuteCrmPlugin(LocalPluginContext context)
        {
        }
    }
}
