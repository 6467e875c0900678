namespace Microsoft.Xrm.Sdk.Workflow;

/// <summary>Marks an InArgument (or InOutArgument) as an input of the step.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : ParameterAttribute
{
    public InputAttribute(string name)
        : base(name)
    {
    }
}
