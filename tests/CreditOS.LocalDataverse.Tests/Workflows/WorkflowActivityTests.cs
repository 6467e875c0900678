using CreditOS.LocalDataverse.Faults;
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

    /// <summary>
    /// Microsoft: "When called in a custom workflow activity, all service calls are made in the
    /// IWorkflowExecutionContext.UserId context": null and SYSTEM's id give the workflow's user, so a write that user
    /// lacks the privilege for is refused; in a plug-in the same null is SYSTEM.
    /// </summary>
    [Fact]
    public void ActivityServices_RunAsTheWorkflowUser_WhateverIdIsPassed_SoAWriteTheUserLacksIsRefused()
    {
        using var env = TestEnvironment.Create();
        var reader = env.Dataverse.CreateUser("Rita Reader");
        var account = env.Service.Create(Rows.Account("Contoso"));

        var outputs = env.Dataverse.RunWorkflowActivity(
            new ServiceIdentityProbeActivity(),
            new Dictionary<string, object?> { ["SystemUserId"] = env.Dataverse.SystemUserId.ToString() },
            new EntityReference("account", account),
            reader);

        Assert.Equal(reader.ToString(), outputs["NullServiceUser"]);
        Assert.Equal(reader.ToString(), outputs["SystemIdServiceUser"]);
        Assert.Equal(DataverseErrorCodes.PrivilegeDenied, outputs["CreateErrorCode"]);
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    [Fact]
    public void ActivityServices_RunAsAnAdministratorWorkflowUser_WriteWhatTheAdministratorMay()
    {
        using var env = TestEnvironment.Create();
        var account = env.Service.Create(Rows.Account("Contoso"));

        var outputs = env.Dataverse.RunWorkflowActivity(
            new ServiceIdentityProbeActivity(),
            new Dictionary<string, object?> { ["SystemUserId"] = env.Dataverse.SystemUserId.ToString() },
            new EntityReference("account", account),
            TestEnvironment.Operator);

        Assert.Equal(TestEnvironment.Operator.ToString(), outputs["NullServiceUser"]);
        Assert.Equal(0, outputs["CreateErrorCode"]);
        Assert.Equal(2, env.Dataverse.Count("account"));
    }
}
