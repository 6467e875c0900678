namespace System.ServiceModel;

/// <summary>net10.0 only: the base of FaultException, as in System.ServiceModel.</summary>
public class CommunicationException : SystemException
{
    public CommunicationException()
    {
    }

    public CommunicationException(string message)
        : base(message)
    {
    }

    public CommunicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
