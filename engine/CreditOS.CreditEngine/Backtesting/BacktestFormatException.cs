namespace CreditOS.CreditEngine.Backtesting;

/// <summary>A malformed accounts-receivable CSV; the message names the line and what is wrong with it.</summary>
public sealed class BacktestFormatException : CreditInputException
{
    public BacktestFormatException()
    {
    }

    public BacktestFormatException(string message)
        : base(message)
    {
    }

    public BacktestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BacktestFormatException(int lineNumber, string problem)
        : base("Line " + lineNumber + ": " + problem)
    {
        LineNumber = lineNumber;
    }

    public int LineNumber { get; }
}
