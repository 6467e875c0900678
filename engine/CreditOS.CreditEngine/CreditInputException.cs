namespace CreditOS.CreditEngine;

/// <summary>
/// Input the engine refuses to score or decide on (negative amounts, a due date before the invoice date,
/// mixed currencies, an invalid configuration...). The message says what is wrong and where, so a person can fix it.
/// </summary>
public class CreditInputException : ArgumentException
{
    public CreditInputException()
    {
    }

    public CreditInputException(string message)
        : base(message)
    {
    }

    public CreditInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
