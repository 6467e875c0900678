namespace Microsoft.Xrm.Sdk;

/// <summary>The value of a choice (option set) column.</summary>
public sealed class OptionSetValue
{
    public OptionSetValue()
    {
    }

    public OptionSetValue(int value)
    {
        Value = value;
    }

    public int Value { get; set; }

    public override bool Equals(object obj) => obj is OptionSetValue other && other.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();
}
