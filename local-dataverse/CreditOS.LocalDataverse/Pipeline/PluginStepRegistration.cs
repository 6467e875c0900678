namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>Pipeline stages, with Dataverse's numbers.</summary>
public enum PipelineStageNumber
{
    PreValidation = 10,
    PreOperation = 20,
    MainOperation = 30,
    PostOperation = 40,
}

/// <summary>A step image: the row before or after the operation, with only the registered columns.</summary>
public sealed record PluginImageRegistration(string Alias, bool IsPreImage, IReadOnlyList<string> Columns);

/// <summary>One registered plug-in step, as read from the registration attributes on the plug-in class.</summary>
public sealed record PluginStepRegistration(
    Type PluginType,
    Guid StepId,
    string Message,
    string PrimaryEntity,
    PipelineStageNumber Stage,
    bool IsAsynchronous,
    int Rank,
    IReadOnlyList<string> FilteringAttributes,
    string? UnsecureConfiguration,
    string? SecureConfiguration,
    IReadOnlyList<PluginImageRegistration> Images)
{
    public IEnumerable<PluginImageRegistration> PreImages => Images.Where(image => image.IsPreImage);

    public IEnumerable<PluginImageRegistration> PostImages => Images.Where(image => !image.IsPreImage);
}
