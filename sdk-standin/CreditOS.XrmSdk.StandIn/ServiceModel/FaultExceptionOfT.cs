namespace System.ServiceModel;

/// <summary>net10.0 only: a SOAP fault carrying a typed detail (OrganizationServiceFault for Dataverse).</summary>
public class FaultException<TDetail> : FaultException
{
    public FaultException(TDetail detail)
    {
        Detail = detail;
    }

    public FaultException(TDetail detail, string reason)
        : base(reason)
    {
        Detail = detail;
    }

    public TDetail Detail { get; }

    public override string ToString() => base.ToString();
}
