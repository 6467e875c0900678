using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

/// <summary>The access rights a principal can hold on a record (values as in Microsoft.Crm.Sdk.Proxy 9.0.2.34).</summary>
[Flags]
public enum AccessRights
{
    None = 0,
    ReadAccess = 1,
    WriteAccess = 2,
    AppendAccess = 4,
    AppendToAccess = 16,
    CreateAccess = 32,
    DeleteAccess = 65536,
    ShareAccess = 262144,
    AssignAccess = 524288,
}

/// <summary>Asks which access rights a user or team has to one record.</summary>
public sealed class RetrievePrincipalAccessRequest : OrganizationRequest
{
    private const string MessageName = "RetrievePrincipalAccess";
    private const string PrincipalParameter = "Principal";
    private const string TargetParameter = "Target";

    // Like the official message, the required parameters are present from the start (empty).
    public RetrievePrincipalAccessRequest()
    {
        RequestName = MessageName;
        Parameters[PrincipalParameter] = null;
        Parameters[TargetParameter] = null;
    }

    public EntityReference Principal
    {
        get => Parameters.ValueOrDefault<EntityReference>(PrincipalParameter);
        set => Parameters[PrincipalParameter] = value;
    }

    public EntityReference Target
    {
        get => Parameters.ValueOrDefault<EntityReference>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }
}

/// <summary>The answer to a RetrievePrincipalAccessRequest.</summary>
public sealed class RetrievePrincipalAccessResponse : OrganizationResponse
{
    private const string AccessRightsParameter = "AccessRights";

    public AccessRights AccessRights => Results.ValueOrDefault<AccessRights>(AccessRightsParameter);
}
