namespace System.ServiceModel;

/// <summary>net10.0 only: a SOAP fault, as System.ServiceModel defines it (the subset the SDK needs).</summary>
public class FaultException : CommunicationException
{
    // What WCF reports when a fault is created without a reason.
    internal const string UnspecifiedReason = "The creator of this fault did not specify a Reason.";

    public FaultException()
        : base(UnspecifiedReason)
    {
    }

    public FaultException(string reason)
        : base(reason)
    {
    }
}
