using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Workflows;

public sealed class WorkflowActivityTests
{
    [Fact]
    public void SampleActivity_AboveThreshold_QueuesTheAccount_AndReturnsItsOutputs()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso", 90_000m));
        var queue = env.Service.Create(new Entity("queue", FixedIds.FinanceQueue) { ["name"] = "Finance" });

        var outputs = env.Dataverse.RunWorkflowActivity(
            new SampleApprovalActivity(),
            new Dictionary<string, object?> { ["Threshold"] = new Money(50_000m), ["ApprovalQueue"] = new EntityReference("queue", queue) },
            new EntityReference("account", account),
            TestEnvironment.Operator);

        Assert.Equal(true, outputs["NeedsApproval"]);
        var item = env.Service.Get("queueitem", ((EntityReference)outputs["QueueItem"]!).Id, "queueid", "objectid", "createdby");
        Assert.Equal(queue, item.GetAttributeValue<EntityReference>("queueid").Id);
        Assert.Equal(account, item.GetAttributeValue<EntityReference>("objectid").Id);
        Assert.Equal(TestEnvironment.Operator, item.GetAttributeValue<EntityReference>("createdby").Id);
        var run = env.Dataverse.PluginExecutions.Single(x => x.PluginType == typeof(SampleApprovalActivity));
        Assert.Equal(2, run.ServiceCalls);
        Assert.Contains("needs approval True", run.Trace, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleActivity_BelowThreshold_QueuesNothing()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso", 10_000m));

        var outputs = env.Dataverse.RunWorkflowActivity(
            new SampleApprovalActivity(),
            new Dictionary<string, object?> { ["Threshold"] = new Money(50_000m) },
            new EntityReference("account", account));

        Assert.Equal(false, outputs["NeedsApproval"]);
        Assert.Null(outputs["QueueItem"]);
        Assert.Equal(0, env.Dataverse.Count("queueitem"));
    }

    [Fact]
    public void RunWorkflowActivity_WithUnknownInput_IsRefused()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));

        Assert.Throws<ArgumentException>(() => env.Dataverse.RunWorkflowActivity(
            new SampleApprovalActivity(),
            new Dictionary<string, object?> { ["NoSuchArgument"] = 1 },
            new EntityReference("account", account)));
    }

    [Fact]
    public void RunWorkflowActivity_WithoutARequiredInput_IsRefused()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));

        Assert.Throws<ArgumentException>(() => env.Dataverse.RunWorkflowActivity(
            new SampleApprovalActivity(),
            new Dictionary<string, object?>(),
            new EntityReference("account", account)));
    }
}
