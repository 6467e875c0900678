namespace CreditOS.Dataverse.Framework.Registration;

/// <summary>An entity image registered on the step with the same <see cref="StepId"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PluginImageAttribute : Attribute
{
    /// <param name="stepId">The <see cref="PluginStepAttribute.StepId"/> of the step the image belongs to.</param>
    /// <param name="type">Pre-image, post-image or both.</param>
    /// <param name="alias">The key under which the plugin finds the image.</param>
    /// <param name="attributes">Comma-separated column logical names the image contains.</param>
    public PluginImageAttribute(string stepId, ImageType type, string alias, string attributes)
    {
        StepId = stepId;
        Type = type;
        Alias = alias;
        Attributes = attributes;
    }

    public string StepId { get; }

    public ImageType Type { get; }

    public string Alias { get; }

    public string Attributes { get; }
}
