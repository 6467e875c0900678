using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

/// <summary>Sets the state and status reason of a row.</summary>
public sealed class SetStateRequest : OrganizationRequest
{
    private const string MessageName = "SetState";
    private const string EntityMonikerParameter = "EntityMoniker";
    private const string StateParameter = "State";
    private const string StatusParameter = "Status";

    // Like the official message, the required parameters are present from the start (empty).
    public SetStateRequest()
    {
        RequestName = MessageName;
        Parameters[EntityMonikerParameter] = null;
        Parameters[StateParameter] = null;
        Parameters[StatusParameter] = null;
    }

    public EntityReference EntityMoniker
    {
        get => Parameters.ValueOrDefault<EntityReference>(EntityMonikerParameter);
        set => Parameters[EntityMonikerParameter] = value;
    }

    public OptionSetValue State
    {
        get => Parameters.ValueOrDefault<OptionSetValue>(StateParameter);
        set => Parameters[StateParameter] = value;
    }

    public OptionSetValue Status
    {
        get => Parameters.ValueOrDefault<OptionSetValue>(StatusParameter);
        set => Parameters[StatusParameter] = value;
    }
}

/// <summary>The answer to a SetStateRequest.</summary>
public sealed class SetStateResponse : OrganizationResponse
{
}
