extern alias workflows;

using System.Text;
using CreditOS.LocalDataverse.Workflows.Processes;
using CreditOS.Solution.Files;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Workflows.Tests;

public sealed class ProcessTests : ApprovalTestBase
{
    [Fact]
    public void SolutionProcesses_AreActivatedWithTheirTriggersFromTheWorkflowFiles()
    {
        var processes = ProcessDefinitionReader.ReadAll(new EmbeddedSolutionFileSource()).ToDictionary(p => p.Name);

        var route = processes["creditOS: Route held order for credit approval"];
        Assert.Equal("salesorder", route.PrimaryEntity);
        Assert.True(route.TriggerOnCreate);
        Assert.Equal(["cos_creditstatus", "totalamount", "customerid"], route.TriggerOnUpdateAttributes);
        // Decisions are applied by the Custom API cos_DecideCreditApproval in the decision's own transaction: no process.
        Assert.DoesNotContain("creditOS: Apply credit decision", processes.Keys);
        Assert.Contains(processes["creditOS: Escalate overdue credit approval"].Steps, step => step is WaitUntil);
        Assert.Equal(3, processes.Count);
    }

    [Fact]
    public void EscalationProcess_WaitsUntilTheDueTime_ThenEscalatesTheStillPendingRequest()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Assert.Equal(1, Scenario.Dataverse.WaitingProcesses);

        Scenario.Context.Clock.Advance(TimeSpan.FromHours(23));
        var resumedEarly = Scenario.Dataverse.ResumeDueProcesses();
        Scenario.Context.Clock.Advance(TimeSpan.FromHours(1));
        var resumedOnTime = Scenario.Dataverse.ResumeDueProcesses();

        Assert.Equal(0, resumedEarly);
        Assert.Equal(1, resumedOnTime);
        AssertProcessesSucceeded();
        var escalated = Row(Request, request.Id);
        Assert.Equal(Escalated, Status(escalated, "cos_approvalstatus"));
        Assert.Equal(ApprovalsIds.EscalationQueue, Assert.Single(Rows("queueitem", "objectid", request.Id)).GetAttributeValue<EntityReference>("queueid").Id);
    }

    [Fact]
    public void EscalationProcess_LeavesARequestDecidedInTime_Alone()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Decide(FixedIds.FinanceApprover, request.Id, Approved, "In time.");

        Scenario.Context.Clock.Advance(TimeSpan.FromHours(30));
        Scenario.Dataverse.ResumeDueProcesses();

        AssertProcessesSucceeded();
        Assert.Equal(Approved, Status(Row(Request, request.Id), "cos_approvalstatus"));
        Assert.Null(Row(Request, request.Id).GetAttributeValue<DateTime?>("cos_escalatedon"));
    }

    [Fact]
    public void ProcessWithAStepTheLocalRuntimeDoesNotSupport_FailsLoudlyWhenRead()
    {
        var files = new InMemoryFiles(new Dictionary<string, string>
        {
            ["src/Workflows/Conditional-00000000-0000-4000-8000-000000000001.xaml.data.xml"] =
                "<Workflow WorkflowId=\"{00000000-0000-4000-8000-000000000001}\" Name=\"Conditional\"><StateCode>1</StateCode><PrimaryEntity>salesorder</PrimaryEntity></Workflow>",
            ["src/Workflows/Conditional-00000000-0000-4000-8000-000000000001.xaml"] =
                "<Activity xmlns:mxswa=\"clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities;assembly=Microsoft.Xrm.Sdk.Workflow, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35\"><mxswa:Workflow><mxswa:ConditionSequence /></mxswa:Workflow></Activity>",
        });

        var failure = Assert.Throws<NotSupportedException>(() => ProcessDefinitionReader.ReadAll(files));

        Assert.Contains("step <ConditionSequence> is not supported by the local runtime", failure.Message, StringComparison.Ordinal);
    }

    private sealed class InMemoryFiles(IReadOnlyDictionary<string, string> files) : ISolutionFileSource
    {
        public IReadOnlyList<string> List(string folder) => files.Keys.Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        public bool Exists(string path) => files.ContainsKey(path);

        public Stream Open(string path) => new MemoryStream(Encoding.UTF8.GetBytes(files[path]));

        public string Describe(string path) => path;
    }
}
