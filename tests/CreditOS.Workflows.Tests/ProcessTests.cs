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
        Assert.False(route.IsRealTime);
        // The sales rep's limit request: real-time (a refusal fails the rep's save), as the rep, on the requested limit only.
        var limitRequest = processes["creditOS: Route credit limit request"];
        Assert.Equal("account", limitRequest.PrimaryEntity);
        Assert.True(limitRequest.IsRealTime);
        Assert.True(limitRequest.RunAsCallingUser);
        Assert.False(limitRequest.TriggerOnCreate);
        Assert.Equal(["cos_requestedcreditlimit"], limitRequest.TriggerOnUpdateAttributes);
        Assert.Contains(limitRequest.Steps, step => step is CustomActivityStep { TypeName: "CreditOS.Workflows.Activities.RouteCreditLimitRequest" });
        Assert.Equal(4, processes.Count);
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

    [Fact]
    public void RealTimeProcessThatWaits_OrRunsAtAStageTheLocalRuntimeDoesNotRun_FailsLoudlyWhenRead()
    {
        const string Wait = "<Activity xmlns:mxswa=\"clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities;assembly=Microsoft.Xrm.Sdk.Workflow, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35\"><mxswa:Workflow><mxswa:Postpone PostponeUntil=\"[until]\" /></mxswa:Workflow></Activity>";
        const string Empty = "<Activity xmlns:mxswa=\"clr-namespace:Microsoft.Xrm.Sdk.Workflow.Activities;assembly=Microsoft.Xrm.Sdk.Workflow, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35\"><mxswa:Workflow /></Activity>";
        static InMemoryFiles Process(string mode, string stage, string xaml) => new(new Dictionary<string, string>
        {
            ["src/Workflows/RealTime-00000000-0000-4000-8000-000000000002.xaml.data.xml"] =
                $"<Workflow WorkflowId=\"{{00000000-0000-4000-8000-000000000002}}\" Name=\"RealTime\"><Mode>{mode}</Mode><StateCode>1</StateCode><UpdateStage>{stage}</UpdateStage><PrimaryEntity>account</PrimaryEntity></Workflow>",
            ["src/Workflows/RealTime-00000000-0000-4000-8000-000000000002.xaml"] = xaml,
        });

        var waits = Assert.Throws<NotSupportedException>(() => ProcessDefinitionReader.ReadAll(Process("1", "40", Wait)));
        var preOperation = Assert.Throws<NotSupportedException>(() => ProcessDefinitionReader.ReadAll(Process("1", "20", Empty)));

        Assert.Contains("a real-time process cannot wait", waits.Message, StringComparison.Ordinal);
        Assert.Contains("real-time <UpdateStage> 20 is not supported", preOperation.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(ProcessDefinitionReader.ReadAll(Process("1", "40", Empty))).IsRealTime);
    }

    private sealed class InMemoryFiles(IReadOnlyDictionary<string, string> files) : ISolutionFileSource
    {
        public IReadOnlyList<string> List(string folder) => files.Keys.Where(k => k.StartsWith(folder + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        public bool Exists(string path) => files.ContainsKey(path);

        public Stream Open(string path) => new MemoryStream(Encoding.UTF8.GetBytes(files[path]));

        public string Describe(string path) => path;
    }
}
