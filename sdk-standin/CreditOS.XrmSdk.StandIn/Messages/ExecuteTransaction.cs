namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Runs requests in one transaction: all or nothing.</summary>
public sealed class ExecuteTransactionRequest : OrganizationRequest
{
    private const string MessageName = "ExecuteTransaction";
    private const string RequestsParameter = "Requests";
    private const string ReturnResponsesParameter = "ReturnResponses";

    // Like the official message, the required parameters are present from the start (empty).
    public ExecuteTransactionRequest()
    {
        RequestName = MessageName;
        Parameters[RequestsParameter] = null;
    }

    public OrganizationRequestCollection Requests
    {
        get => Parameters.ValueOrDefault<OrganizationRequestCollection>(RequestsParameter);
        set => Parameters[RequestsParameter] = value;
    }

    public bool? ReturnResponses
    {
        get => Parameters.ValueOrDefault<bool?>(ReturnResponsesParameter);
        set => Parameters[ReturnResponsesParameter] = value;
    }
}

/// <summary>The answer to an ExecuteTransactionRequest.</summary>
public sealed class ExecuteTransactionResponse : OrganizationResponse
{
    private const string ResponsesParameter = "Responses";

    public OrganizationResponseCollection Responses => Results.ValueOrDefault<OrganizationResponseCollection>(ResponsesParameter);
}
