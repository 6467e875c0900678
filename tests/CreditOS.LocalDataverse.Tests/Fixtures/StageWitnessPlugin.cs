using CreditOS.Dataverse.Framework.Registration;

namespace CreditOS.LocalDataverse.Tests.Fixtures;

/// <summary>
/// Does nothing but trace its stage on Create, Update and Delete of a credit policy: its runs in
/// <c>PluginExecutions</c> show which stages an operation reached (Probes/PipelineSecurityOrderProbes).
/// </summary>
[PluginStep("Create", "cos_creditpolicy", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000a10")]
[PluginStep("Create", "cos_creditpolicy", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000a20")]
[PluginStep("Update", "cos_creditpolicy", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000a11")]
[PluginStep("Update", "cos_creditpolicy", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000a21")]
[PluginStep("Delete", "cos_creditpolicy", PipelineStage.PreValidation, "7a000000-0000-4000-8000-000000000a12")]
[PluginStep("Delete", "cos_creditpolicy", PipelineStage.PreOperation, "7a000000-0000-4000-8000-000000000a22")]
public sealed class StageWitnessPlugin : StageTracingPlugin
{
}
