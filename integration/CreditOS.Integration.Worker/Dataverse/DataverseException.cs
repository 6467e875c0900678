namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>A Web API request failed; carries the OData error code and message from the response body.</summary>
public sealed class DataverseException : Exception
{
    public DataverseException()
    {
    }

    public DataverseException(string message)
        : base(message)
    {
    }

    public DataverseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataverseException(int statusCode, string? errorCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public int StatusCode { get; }

    public string? ErrorCode { get; }
}
