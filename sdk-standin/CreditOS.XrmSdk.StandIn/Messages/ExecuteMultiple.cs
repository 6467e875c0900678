namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Runs up to 1,000 requests in one call, each in its own transaction.</summary>
public sealed class ExecuteMultipleRequest : OrganizationRequest
{
    private const string MessageName = "ExecuteMultiple";
    private const string RequestsParameter = "Requests";
    private const string SettingsParameter = "Settings";

    // Like the official message, the required parameters are present from the start (empty).
    public ExecuteMultipleRequest()
    {
        RequestName = MessageName;
        Parameters[RequestsParameter] = null;
        Parameters[SettingsParameter] = null;
    }

    public OrganizationRequestCollection Requests
    {
        get => Parameters.ValueOrDefault<OrganizationRequestCollection>(RequestsParameter);
        set => Parameters[RequestsParameter] = value;
    }

    public ExecuteMultipleSettings Settings
    {
        get => Parameters.ValueOrDefault<ExecuteMultipleSettings>(SettingsParameter);
        set => Parameters[SettingsParameter] = value;
    }
}

/// <summary>The answer to an ExecuteMultipleRequest.</summary>
public sealed class ExecuteMultipleResponse : OrganizationResponse
{
    private const string IsFaultedParameter = "IsFaulted";
    private const string ResponsesParameter = "Responses";

    public bool IsFaulted => Results.ValueOrDefault<bool>(IsFaultedParameter);

    public ExecuteMultipleResponseItemCollection Responses => Results.ValueOrDefault<ExecuteMultipleResponseItemCollection>(ResponsesParameter);
}
