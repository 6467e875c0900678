namespace System.Activities;

/// <summary>net10.0 only: an argument flowing into and out of an activity.</summary>
public abstract class InOutArgument : Argument
{
    internal InOutArgument(Type argumentType)
        : base(argumentType, ArgumentDirection.InOut)
    {
    }
}

/// <summary>net10.0 only: a typed in-out argument.</summary>
public sealed class InOutArgument<T> : InOutArgument
{
    public InOutArgument()
        : base(typeof(T))
    {
    }

    internal override object ValueWhenUnset => default(T);

    public new T Get(ActivityContext context) => Get<T>(context);

    public void Set(ActivityContext context, T value) => Set(context, (object)value);
}
