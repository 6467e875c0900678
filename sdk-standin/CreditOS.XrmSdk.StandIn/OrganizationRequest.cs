namespace Microsoft.Xrm.Sdk;

/// <summary>A message sent to the organization service: its name and parameters.</summary>
public class OrganizationRequest
{
    public OrganizationRequest()
    {
        Parameters = new ParameterCollection();
    }

    public OrganizationRequest(string requestName)
        : this()
    {
        RequestName = requestName;
    }

    public ParameterCollection Parameters { get; set; }

    public Guid? RequestId { get; set; }

    public string RequestName { get; set; }

    public object this[string parameterName]
    {
        get => Parameters[parameterName];
        set => Parameters[parameterName] = value;
    }
}
