namespace Microsoft.Xrm.Sdk;

/// <summary>The detail of a FaultException raised by the organization service.</summary>
public class OrganizationServiceFault : BaseServiceFault
{
    public OrganizationServiceFault InnerFault { get; set; }

    public string TraceText { get; set; }

    public override string ToString() => Message ?? base.ToString();
}
