using CreditOS.Dataverse.Framework.Registration;
using CreditOS.LocalDataverse.Pipeline;
using CreditOS.LocalDataverse.Tests.Fixtures;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Step registrations Dataverse refuses are refused at registration (fidelity round 7). Before, they were accepted and then did
/// less than asked, silently: an asynchronous step outside stage 40 never ran, an image the message or stage cannot have was
/// simply absent, a step on a Custom API's message ran.
/// <para>
/// "Register a plug-in" (learn.microsoft.com/power-apps/developer/data-platform/register-plug-in): "Asynchronous plug-ins can only
/// be registered for the PostOperation stage"; "Messages that support table images … only the following messages: Assign,
/// Create, Delete, DeliverIncoming, DeliverPromote, Merge, Route, Send, SetState, Update"; "Availability of images: You cannot have
/// a Pre Image for the Create message … You cannot have a Post Image for the Delete message … You can only have a Post Image for
/// steps registered in the PostOperation stage".
/// </para>
/// <para>
/// "CustomAPI table columns" (customapi-table-columns): AllowedCustomProcessingStepType 0 None, "No custom processing steps
/// allowed" (what the packer writes for every creditOS Custom API); "Functions must return some data. You must include at least
/// one response property for the Custom API to be valid".
/// </para>
/// </summary>
public sealed class PipelineRegistrationProbes
{
    [Theory]
    [InlineData(PipelineStageNumber.PreValidation)]
    [InlineData(PipelineStageNumber.PreOperation)]
    public void AnAsynchronousStep_OutsidePostOperation_IsRefused(PipelineStageNumber stage)
    {
        using var env = TestEnvironment.Create();

        var refusal = Assert.Throws<InvalidOperationException>(() => env.Dataverse.RegisterStep(Step("Create", stage, asynchronous: true)));

        Assert.Contains("asynchronous plug-ins can only be registered for the PostOperation stage", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(env.Dataverse.RegisteredSteps);
    }

    [Fact]
    public void AnAsynchronousStep_InPostOperation_IsRegisteredAndRuns()
    {
        using var env = TestEnvironment.Create();
        env.Dataverse.RegisterStep(Step("Create", PipelineStageNumber.PostOperation, asynchronous: true));

        env.Service.Create(Rows.Account("Contoso"));

        Assert.True(Assert.Single(env.Dataverse.AsyncOperations).Succeeded);
    }

    [Theory]
    [InlineData("Create", PipelineStageNumber.PostOperation, true, "a Create step cannot have a pre-image")]
    [InlineData("Delete", PipelineStageNumber.PostOperation, false, "a Delete step cannot have a post-image")]
    [InlineData("Update", PipelineStageNumber.PreOperation, false, "only PostOperation steps can have a post-image")]
    [InlineData("Update", PipelineStageNumber.PreValidation, false, "only PostOperation steps can have a post-image")]
    [InlineData("Retrieve", PipelineStageNumber.PostOperation, true, "the Retrieve message does not support table images")]
    [InlineData("RetrieveMultiple", PipelineStageNumber.PreOperation, true, "the RetrieveMultiple message does not support table images")]
    [InlineData("Associate", PipelineStageNumber.PostOperation, true, "the Associate message does not support table images")]
    public void AnImageTheMessageOrStageCannotHave_IsRefused(string message, PipelineStageNumber stage, bool preImage, string why)
    {
        using var env = TestEnvironment.Create();

        var refusal = Assert.Throws<InvalidOperationException>(() => env.Dataverse.RegisterStep(
            Step(message, stage, asynchronous: false, new PluginImageRegistration("image", preImage, ["name"]))));

        Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
        Assert.Empty(env.Dataverse.RegisteredSteps);
    }

    [Theory]
    [InlineData("Create", PipelineStageNumber.PostOperation, false)]
    [InlineData("Delete", PipelineStageNumber.PreValidation, true)]
    [InlineData("Update", PipelineStageNumber.PreOperation, true)]
    [InlineData("Update", PipelineStageNumber.PostOperation, false)]
    [InlineData("SetState", PipelineStageNumber.PreOperation, true)]
    [InlineData("Assign", PipelineStageNumber.PostOperation, true)]
    public void AnImageTheDocumentationAllows_IsRegistered(string message, PipelineStageNumber stage, bool preImage)
    {
        using var env = TestEnvironment.Create();

        env.Dataverse.RegisterStep(Step(message, stage, asynchronous: false, new PluginImageRegistration("image", preImage, ["name"])));

        Assert.Single(env.Dataverse.RegisteredSteps);
    }

    [Fact]
    public void AStepOnACustomApisMessage_IsRefused_WhicheverIsRegisteredFirst()
    {
        using var apiFirst = TestEnvironment.Builder().WithPlugin<ExposureCustomApi>().Build();
        var afterApi = Assert.Throws<InvalidOperationException>(() => apiFirst.Dataverse.RegisterStep(
            Step(ExposureCustomApi.Name, PipelineStageNumber.PostOperation, asynchronous: false)));
        Assert.Contains("AllowedCustomProcessingStepType is 0 (None)", afterApi.Message, StringComparison.Ordinal);

        using var stepFirst = TestEnvironment.Create();
        stepFirst.Dataverse.RegisterStep(Step(ExposureCustomApi.Name, PipelineStageNumber.PostOperation, asynchronous: true));
        var afterStep = Assert.Throws<InvalidOperationException>(() => stepFirst.Dataverse.RegisterPlugin(typeof(ExposureCustomApi)));
        Assert.Contains("no custom processing steps allowed", afterStep.Message, StringComparison.Ordinal);
        Assert.Null(stepFirst.Dataverse.FindCustomApi(ExposureCustomApi.Name));
    }

    [Fact]
    public void AFunctionWithoutAResponseProperty_IsRefused()
    {
        using var env = TestEnvironment.Create();

        var refusal = Assert.Throws<InvalidOperationException>(() => env.Dataverse.RegisterPlugin(typeof(SilentFunction)));

        Assert.Contains("is a function without a response property", refusal.Message, StringComparison.Ordinal);
        Assert.Null(env.Dataverse.FindCustomApi(SilentFunction.Name));
    }

    private static PluginStepRegistration Step(string message, PipelineStageNumber stage, bool asynchronous, params PluginImageRegistration[] images) =>
        new(typeof(NoOpPlugin), Guid.NewGuid(), message, "account", stage, asynchronous, 1, [], null, null, images);

    /// <summary>Does nothing: the probes look at what registration accepts.</summary>
    public sealed class NoOpPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
        }
    }

    /// <summary>
    /// A function (IsFunction) that declares no response property. Abstract so that registering this test assembly's plug-ins
    /// (RegisterPluginAssembly) passes it by; RegisterPlugin reads its attributes before it would ever create an instance.
    /// </summary>
    [CustomApi(Name, IsFunction = true)]
    public abstract class SilentFunction : IPlugin
    {
        public const string Name = "cos_ProbeSilentFunction";

        public void Execute(IServiceProvider serviceProvider)
        {
        }
    }
}
