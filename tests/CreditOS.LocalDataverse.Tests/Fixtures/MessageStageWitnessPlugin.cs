using CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Traces its stage on Retrieve, SetState, Assign and Associate of an account: its runs in <c>PluginExecutions</c> show
/// which stages those messages reached (Probes/MessageSecurityOrderProbes).
/// </summary>
[PluginStep("Retrieve", "account", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000b10")]
[PluginStep("Retrieve", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000b20")]
[PluginStep("SetState", "account", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000b11")]
[PluginStep("SetState", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000b21")]
[PluginStep("Assign", "account", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000b12")]
[PluginStep("Assign", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000b22")]
[PluginStep("Associate", "account", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000b13")]
[PluginStep("Associate", "account", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000b23")]
public sealed class MessageStageWitnessPlugin : StageTracingPlugin
{
}
