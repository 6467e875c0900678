namespace System.Activities;

/// <summary>net10.0 only: a typed value flowing into or out of an activity.</summary>
public abstract class Argument
{
    internal Argument(Type argumentType, ArgumentDirection direction)
    {
        ArgumentType = argumentType;
        Direction = direction;
    }

    public Type ArgumentType { get; }

    public ArgumentDirection Direction { get; }

    public int EvaluationOrder { get; set; }

    /// <summary>The value read when the runtime has assigned none (a constant for InArgument, else default).</summary>
    internal abstract object ValueWhenUnset { get; }

    public object Get(ActivityContext context) => (context ?? throw new ArgumentNullException(nameof(context))).GetValue(this);

    public T Get<T>(ActivityContext context) => (T)Get(context);

    public void Set(ActivityContext context, object value) => (context ?? throw new ArgumentNullException(nameof(context))).SetValue(this, value);
}
