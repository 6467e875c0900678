using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

/// <summary>Tells who the caller is.</summary>
public sealed class WhoAmIRequest : OrganizationRequest
{
    private const string MessageName = "WhoAmI";

    public WhoAmIRequest()
    {
        RequestName = MessageName;
    }
}

/// <summary>The answer to a WhoAmIRequest.</summary>
public sealed class WhoAmIResponse : OrganizationResponse
{
    private const string BusinessUnitIdParameter = "BusinessUnitId";
    private const string OrganizationIdParameter = "OrganizationId";
    private const string UserIdParameter = "UserId";

    public Guid BusinessUnitId => Results.ValueOrDefault<Guid>(BusinessUnitIdParameter);

    public Guid OrganizationId => Results.ValueOrDefault<Guid>(OrganizationIdParameter);

    public Guid UserId => Results.ValueOrDefault<Guid>(UserIdParameter);
}
