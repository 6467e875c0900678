namespace System.Activities;

/// <summary>net10.0 only: what an activity sees while it runs: argument values and runtime extensions.</summary>
public class ActivityContext
{
    private readonly Func<Type, object> extensionProvider;
    private readonly Dictionary<Argument, object> values = new(ArgumentIdentity.Instance);

    internal ActivityContext(Func<Type, object> extensionProvider)
    {
        this.extensionProvider = extensionProvider ?? throw new ArgumentNullException(nameof(extensionProvider));
    }

    public string ActivityInstanceId { get; internal set; }

    public Guid WorkflowInstanceId { get; internal set; }

    /// <summary>The runtime extension of type T (for Dataverse: IWorkflowContext, IOrganizationServiceFactory, ITracingService), or null.</summary>
    public T GetExtension<T>()
        where T : class => extensionProvider(typeof(T)) as T;

    public object GetValue(Argument argument) => ValueOf(argument ?? throw new ArgumentNullException(nameof(argument)));

    public T GetValue<T>(InArgument<T> argument) => (T)GetValue((Argument)argument);

    public T GetValue<T>(OutArgument<T> argument) => (T)GetValue((Argument)argument);

    public T GetValue<T>(InOutArgument<T> argument) => (T)GetValue((Argument)argument);

    public void SetValue(Argument argument, object value)
    {
        if (argument is null)
        {
            throw new ArgumentNullException(nameof(argument));
        }

        if (value is not null && !argument.ArgumentType.IsInstanceOfType(value))
        {
            throw new InvalidCastException($"A value of type {value.GetType().FullName} cannot be assigned to an argument of type {argument.ArgumentType.FullName}.");
        }

        values[argument] = value;
    }

    public void SetValue<T>(InArgument<T> argument, T value) => SetValue((Argument)argument, value);

    public void SetValue<T>(OutArgument<T> argument, T value) => SetValue((Argument)argument, value);

    public void SetValue<T>(InOutArgument<T> argument, T value) => SetValue((Argument)argument, value);

    private object ValueOf(Argument argument) =>
        values.TryGetValue(argument, out var value) ? value : argument.ValueWhenUnset;

    private sealed class ArgumentIdentity : IEqualityComparer<Argument>
    {
        public static readonly ArgumentIdentity Instance = new();

        public bool Equals(Argument x, Argument y) => ReferenceEquals(x, y);

        public int GetHashCode(Argument obj) => Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
