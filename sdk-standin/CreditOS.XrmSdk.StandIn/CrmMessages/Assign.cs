using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

/// <summary>Assigns a row to a user or team.</summary>
public sealed class AssignRequest : OrganizationRequest
{
    private const string MessageName = "Assign";
    private const string TargetParameter = "Target";
    private const string AssigneeParameter = "Assignee";

    // Like the official message, the required parameters are present from the start (empty).
    public AssignRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
        Parameters[AssigneeParameter] = null;
    }

    public EntityReference Target
    {
        get => Parameters.ValueOrDefault<EntityReference>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }

    public EntityReference Assignee
    {
        get => Parameters.ValueOrDefault<EntityReference>(AssigneeParameter);
        set => Parameters[AssigneeParameter] = value;
    }
}

/// <summary>The answer to an AssignRequest.</summary>
public sealed class AssignResponse : OrganizationResponse
{
}
