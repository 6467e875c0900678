namespace Microsoft.Xrm.Sdk;

/// <summary>The answer to an OrganizationRequest: its name and results.</summary>
public class OrganizationResponse
{
    public OrganizationResponse()
    {
        Results = new ParameterCollection();
    }

    public string ResponseName { get; set; }

    public ParameterCollection Results { get; set; }

    public object this[string parameterName]
    {
        get => Results[parameterName];
        set => Results[parameterName] = value;
    }
}
