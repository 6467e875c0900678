namespace Microsoft.Xrm.Sdk.Workflow;

/// <summary>Marks an OutArgument (or InOutArgument) as an output of the step.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : ParameterAttribute
{
    public OutputAttribute(string name)
        : base(name)
    {
    }
}
