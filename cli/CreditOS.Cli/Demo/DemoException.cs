namespace CreditOS.Cli.Demo;

/// <summary>The demo cannot go on; the message says why in plain words.</summary>
internal sealed class DemoException : Exception
{
    public DemoException(string message)
        : base(message)
    {
    }

    public DemoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DemoException()
    {
    }
}
