extern alias plugins;

using System.Reflection;
using plugins::CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

public class RegistrationAttributeTests
{
    [Fact]
    public void PluginStep_DefaultsToSynchronousRankOne()
    {
        var step = new PluginStepAttribute("Update", "account", PipelineStage.PreOperation, TestSteps.AccountUpdate);

        Assert.Equal(ExecutionMode.Synchronous, step.Mode);
        Assert.Equal(1, step.Rank);
        Assert.Null(step.FilteringAttributes);
        Assert.Null(step.UnsecureConfiguration);
    }

    [Fact]
    public void Stages_HaveDataversesNumbers()
    {
        Assert.Equal(10, (int)PipelineStage.PreValidation);
        Assert.Equal(20, (int)PipelineStage.PreOperation);
        Assert.Equal(30, (int)PipelineStage.MainOperation);
        Assert.Equal(40, (int)PipelineStage.PostOperation);
    }

    [Fact]
    public void Registration_IsReadableByTypeName_WithoutLoadingTheAttributeType()
    {
        var steps = CustomAttributeData.GetCustomAttributes(typeof(CreditLimitChangePlugin))
            .Where(a => a.AttributeType.FullName == "CreditOS.Dataverse.Framework.Registration.PluginStepAttribute")
            .ToList();

        Assert.Equal(2, steps.Count);
        var update = steps.Single(s => (string)s.ConstructorArguments[0].Value! == "Update");
        Assert.Equal("account", update.ConstructorArguments[1].Value);
        Assert.Equal((int)PipelineStage.PreOperation, (int)update.ConstructorArguments[2].Value!);
        Assert.Equal("creditlimit", update.NamedArguments.Single(n => n.MemberName == "FilteringAttributes").TypedValue.Value);
    }
}
