namespace CreditOS.Integration.Worker.Messages;

/// <summary>The result of converting a payload: the canonical value or why it could not be converted.</summary>
public sealed record Adapted<T>(T? Value, Rejection? Rejection)
    where T : class
{
    public bool IsValid => Value is not null;

    public static Adapted<T> Ok(T value) => new(value, null);

    public static Adapted<T> Fail(string reason, string description) => new(null, new Rejection(reason, description));
}
