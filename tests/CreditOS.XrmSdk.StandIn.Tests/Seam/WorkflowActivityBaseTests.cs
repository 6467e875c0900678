extern alias workflows;

using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using workflows::CreditOS.Workflows.Infrastructure;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

public class WorkflowActivityBaseTests
{
    private readonly FakeExecutionContext context = new();
    private readonly RecordingTracingService tracing = new();
    private readonly FakeServiceFactory factory = new();

    [Fact]
    public void Activity_ReadsInputs_WritesOutputs_AndIsTraced()
    {
        var activity = new DoubleLimitActivity { Limit = new InArgument<Money>(), Doubled = new OutArgument<Money>() };
        var activityContext = NewActivityContext();
        activityContext.SetValue(activity.Limit, new Money(100m));

        activity.RunWith(activityContext);

        Assert.Equal(new Money(200m), activityContext.GetValue(activity.Doubled));
        Assert.Contains("workflow step on account", tracing.Lines[0], StringComparison.Ordinal);
        Assert.Matches("Exiting .* after [0-9]+ ms", tracing.Lines[^1]);
    }

    [Fact]
    public void Activity_UnexpectedException_IsWrapped_KeepingTheCause()
    {
        var activity = new DoubleLimitActivity { Limit = new InArgument<Money>(), Doubled = new OutArgument<Money>() };

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => activity.RunWith(NewActivityContext()));

        Assert.IsType<NullReferenceException>(caught.InnerException);
        Assert.Contains("NullReferenceException", tracing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_WithoutWorkflowContext_IsRefusedClearly()
    {
        var activity = new DoubleLimitActivity();
        var bare = new CodeActivityContext(_ => null!);

        var refusal = Assert.Throws<InvalidPluginExecutionException>(() => activity.RunWith(bare));

        Assert.Contains(nameof(IWorkflowContext), refusal.Message, StringComparison.Ordinal);
    }

    private CodeActivityContext NewActivityContext() => new(type =>
        type == typeof(IWorkflowContext) ? context
        : type == typeof(ITracingService) ? tracing
        : type == typeof(IOrganizationServiceFactory) ? factory
        : null!);

    private sealed class DoubleLimitActivity : WorkflowActivityBase
    {
        [Input("Limit")]
        public InArgument<Money> Limit { get; set; } = null!;

        [Output("Doubled")]
        public OutArgument<Money> Doubled { get; set; } = null!;

        protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context) =>
            context.Set(Doubled, new Money(context.Get(Limit).Value * 2));
    }
}
