namespace System.Activities;

/// <summary>net10.0 only: an argument flowing out of an activity.</summary>
public abstract class OutArgument : Argument
{
    internal OutArgument(Type argumentType)
        : base(argumentType, ArgumentDirection.Out)
    {
    }
}

/// <summary>net10.0 only: a typed output argument.</summary>
public sealed class OutArgument<T> : OutArgument
{
    public OutArgument()
        : base(typeof(T))
    {
    }

    internal override object ValueWhenUnset => default(T);

    public new T Get(ActivityContext context) => Get<T>(context);

    public void Set(ActivityContext context, T value) => Set(context, (object)value);
}
