namespace System.Activities;

/// <summary>net10.0 only: an argument flowing into an activity.</summary>
public abstract class InArgument : Argument
{
    internal InArgument(Type argumentType)
        : base(argumentType, ArgumentDirection.In)
    {
    }
}

/// <summary>net10.0 only: a typed input argument, optionally with a constant value.</summary>
public sealed class InArgument<T> : InArgument
{
    private readonly T constValue;

    public InArgument()
        : base(typeof(T))
    {
    }

    public InArgument(T constValue)
        : base(typeof(T))
    {
        this.constValue = constValue;
    }

    internal override object ValueWhenUnset => constValue;

    public static implicit operator InArgument<T>(T constValue) => FromValue(constValue);

    public static InArgument<T> FromValue(T constValue) => new(constValue);

    public new T Get(ActivityContext context) => Get<T>(context);

    public void Set(ActivityContext context, T value) => Set(context, (object)value);
}
