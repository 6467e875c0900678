extern alias workflows;

using System.Activities;
using workflows::CreditOS.Workflows.Infrastructure;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

public class ActivityRulesTests
{
    [Fact]
    public void EveryActivityInTheDeployableAssembly_IsPublicAndDerivesFromWorkflowActivityBase()
    {
        var strays = typeof(WorkflowActivityBase).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(CodeActivity).IsAssignableFrom(t))
            .Where(t => !t.IsVisible || !typeof(WorkflowActivityBase).IsAssignableFrom(t))
            .Select(t => t.FullName);

        Assert.Empty(strays);
    }

    [Fact]
    public void WorkflowActivityBase_SealsExecute_SoActivitiesCannotBypassTheSeam()
    {
        var execute = typeof(WorkflowActivityBase).GetMethod("Execute", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, [typeof(CodeActivityContext)]);

        Assert.NotNull(execute);
        Assert.True(execute.IsFinal);
    }
}
