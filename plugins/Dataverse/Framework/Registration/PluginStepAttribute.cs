namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>
/// Registers the plugin class for one message on one table at one stage. Read by the plugin base
/// class (to refuse steps the class does not declare), by the local Dataverse pipeline and by the
/// solution packer; there is no other copy of the registration.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PluginStepAttribute : Attribute
{
    /// <param name="message">Message name, for example <see cref="Messages.Update"/>.</param>
    /// <param name="primaryEntity">Logical name of the primary table ("none" for messages without one).</param>
    /// <param name="stage">Pipeline stage.</param>
    /// <param name="stepId">Stable GUID string identifying the step in the solution.</param>
    public PluginStepAttribute(string message, string primaryEntity, PipelineStage stage, string stepId)
    {
        Message = message;
        PrimaryEntity = primaryEntity;
        Stage = stage;
        StepId = stepId;
    }

    public string Message { get; }

    public string PrimaryEntity { get; }

    public PipelineStage Stage { get; }

    public string StepId { get; }

    public ExecutionMode Mode { get; set; }

    /// <summary>Execution order among steps of the same message, table and stage (lower first).</summary>
    public int Rank { get; set; } = 1;

    /// <summary>Comma-separated column logical names; an Update step runs only when one of them changes.</summary>
    public string? FilteringAttributes { get; set; }

    public string? UnsecureConfiguration { get; set; }

    public string? Description { get; set; }
}
