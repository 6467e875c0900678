extern alias plugins;

using Microsoft.Xrm.Sdk;
using plugins::CreditOS.Dataverse.Framework;

namespace CreditOS.XrmSdk.StandIn.Tests.Seam;

public class PluginBaseTests
{
    private readonly FakeExecutionContext context = new();
    private readonly RecordingTracingService tracing = new();
    private readonly FakeServiceFactory factory = new();

    private FakeServiceProvider Provider => new(context, tracing, factory);

    [Fact]
    public void DeclaredStep_RunsTheBody_WithTargetAndPreImage()
    {
        var target = new Entity("account", context.PrimaryEntityId) { ["creditlimit"] = new Money(90_000m) };
        context.InputParameters[Parameters.Target] = target;
        context.PreEntityImages[TestSteps.PreImageAlias] = new Entity("account") { ["creditlimit"] = new Money(50_000m) };

        new CreditLimitChangePlugin(null, null).Execute(Provider);

        Assert.Equal(new Money(50_000m), context.OutputParameters[CreditLimitChangePlugin.Output]);
        Assert.Equal("limit was 50000", target["description"]);
    }

    [Fact]
    public void Constructor_KeepsTheStepConfiguration()
    {
        var plugin = new CreditLimitChangePlugin("{\"grace\":5}", "secret");

        Assert.Equal("{\"grace\":5}", plugin.Unsecure);
        Assert.Equal("secret", plugin.Secure);
    }

    [Fact]
    public void Execution_IsTraced_WithMessageStageDepthCorrelationAndElapsedTime()
    {
        context.InputParameters[Parameters.Target] = new Entity("account");
        context.PreEntityImages[TestSteps.PreImageAlias] = new Entity("account");
        context.Depth = 2;

        new CreditLimitChangePlugin(null, null).Execute(Provider);

        var entered = tracing.Lines[0];
        Assert.Contains("Entered", entered, StringComparison.Ordinal);
        Assert.Contains("message Update of account", entered, StringComparison.Ordinal);
        Assert.Contains("stage 20 (PreOperation)", entered, StringComparison.Ordinal);
        Assert.Contains("depth 2", entered, StringComparison.Ordinal);
        Assert.Contains(context.CorrelationId.ToString(), entered, StringComparison.Ordinal);
        Assert.Matches("Exiting .* after [0-9]+ ms", tracing.Lines[^1]);
    }

    [Theory]
    [InlineData("Update", "contact", 20)]
    [InlineData("Delete", "account", 20)]
    [InlineData("Update", "account", 40)]
    public void UndeclaredStep_IsRefusedAndTraced(string message, string entity, int stage)
    {
        context.MessageName = message;
        context.PrimaryEntityName = entity;
        context.Stage = stage;
        context.InputParameters[Parameters.Target] = new Entity(entity);

        var refusal = Assert.Throws<InvalidPluginExecutionException>(() => new CreditLimitChangePlugin(null, null).Execute(Provider));

        Assert.Contains("is not registered for " + message + " of " + entity, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Update of account at PreOperation", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(refusal.Message, tracing.Text, StringComparison.Ordinal);
        Assert.Empty(context.OutputParameters);
    }

    [Fact]
    public void InvalidPluginExecutionException_PassesThroughUnchanged()
    {
        var thrown = new InvalidPluginExecutionException("Credit limit exceeded");

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new ThrowingPlugin(_ => thrown).Execute(Provider));

        Assert.Same(thrown, caught);
        Assert.Contains("Credit limit exceeded", tracing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OrganizationServiceFault_IsWrapped_KeepingTheCause()
    {
        context.InputParameters[Parameters.Target] = new Entity("account", context.PrimaryEntityId);
        factory.FailWith = Faults.NotFound();

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new ServiceCallingPlugin().Execute(Provider));

        Assert.Same(factory.FailWith, caught.InnerException);
        Assert.Contains("account With Id = 1 Does Not Exist", caught.Message, StringComparison.Ordinal);
        Assert.Contains("0x80040217", tracing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnexpectedException_IsWrapped_KeepingTheCauseAndTracingIt()
    {
        var cause = new InvalidOperationException("no tier for score");

        var caught = Assert.Throws<InvalidPluginExecutionException>(() => new ThrowingPlugin(_ => cause).Execute(Provider));

        Assert.Same(cause, caught.InnerException);
        Assert.Contains("InvalidOperationException: no tier for score", caught.Message, StringComparison.Ordinal);
        Assert.Contains("no tier for score", tracing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UserService_RunsAsTheContextUser_SystemServiceAsSystem()
    {
        LocalPluginContext? seen = null;
        var plugin = new ThrowingPlugin(local =>
        {
            seen = local;
            _ = local.UserService;
            _ = local.SystemService;
            return new InvalidPluginExecutionException("stop");
        });

        Assert.Throws<InvalidPluginExecutionException>(() => plugin.Execute(Provider));

        Assert.NotNull(seen);
        Assert.Equal([context.UserId, null], factory.CreatedFor);
    }

    [Fact]
    public void MissingImage_IsRefusedNamingTheAlias()
    {
        context.InputParameters[Parameters.Target] = new Entity("account");

        var refusal = Assert.Throws<InvalidPluginExecutionException>(() => new CreditLimitChangePlugin(null, null).Execute(Provider));

        Assert.Contains("pre-image 'PreImage'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTracingService_IsRefusedClearly()
    {
        var provider = new ContextOnlyProvider(context);

        var refusal = Assert.Throws<InvalidPluginExecutionException>(() => new CreditLimitChangePlugin(null, null).Execute(provider));

        Assert.Contains(nameof(ITracingService), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomApiPlugin_RunsAtMainOperation_ForItsMessage()
    {
        context.MessageName = "cos_RecalculateTier";
        context.Stage = 30;

        new RecalculateTierApi().Execute(Provider);

        Assert.Equal(new OptionSetValue(2), context.OutputParameters["cos_Tier"]);
    }

    [Fact]
    public void TargetReference_ForEntityWithoutId_UsesThePrimaryEntityId()
    {
        context.InputParameters[Parameters.Target] = new Entity("account");
        EntityReference? reference = null;

        Assert.Throws<InvalidPluginExecutionException>(() => new ThrowingPlugin(local =>
        {
            reference = local.TargetReference;
            return new InvalidPluginExecutionException("stop");
        }).Execute(Provider));

        Assert.Equal(new EntityReference("account", context.PrimaryEntityId), reference);
    }

    private sealed class ContextOnlyProvider(FakeExecutionContext context) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IPluginExecutionContext) ? context : null;
    }
}
