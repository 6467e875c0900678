using System.Text.Json.Nodes;

namespace CreditOS.Integration.Worker.Dataverse;

/// <summary>One request inside a $batch; each goes into its own change set so records succeed or fail alone.</summary>
public sealed record BatchOperation(HttpMethod Method, string RelativeUrl, JsonObject? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Invokes a bound action on one row: POST entityset(id)/Namespace.Action with its parameters as the body.</summary>
    public static BatchOperation BoundAction(string entitySet, Guid id, string qualifiedAction, JsonObject? parameters = null) =>
        new(HttpMethod.Post, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{entitySet}({id:D})/{qualifiedAction}"), parameters ?? []);

    public static BatchOperation Upsert(string keyedUrl, JsonObject body) => new(HttpMethod.Patch, keyedUrl, body);

    /// <summary>
    /// Updates an existing row only: PATCH with <c>If-Match: *</c>. A PATCH without it is an upsert, so a row deleted meanwhile
    /// would be created again from the few columns sent ("The If-Match: * header ensures you don't create a new record by
    /// accidentally performing an upsert operation", Update and delete table rows using the Web API, "Basic update"); with it
    /// Dataverse answers 404 instead.
    /// </summary>
    public static BatchOperation Update(string rowUrl, JsonObject body) =>
        new(HttpMethod.Patch, rowUrl, body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["If-Match"] = "*" });

    /// <summary>
    /// Asks for the error details ("Include more details with errors", compose-http-requests-handle-errors), so a plug-in's
    /// own code arrives as <see cref="BatchOperationResult.SubErrorCode"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ErrorDetailsPreference { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Prefer"] = "odata.include-annotations=\"Microsoft.PowerApps.CDS.ErrorDetails.*\"" };

    /// <summary>Create through the alternate key, failing with 412 if the row already exists.</summary>
    public static BatchOperation CreateOnly(string keyedUrl, JsonObject body, string? returnColumns = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["If-None-Match"] = "*" };
        if (returnColumns is not null)
        {
            headers["Prefer"] = "return=representation";
        }

        return new(HttpMethod.Patch, returnColumns is null ? keyedUrl : $"{keyedUrl}?$select={returnColumns}", body, headers);
    }
}

/// <summary>How one operation of a $batch ended.</summary>
public sealed record BatchOperationResult(int StatusCode, string? ErrorCode, string? ErrorMessage, JsonObject? Body, TimeSpan? RetryAfter)
{
    /// <summary>
    /// The code a plug-in refused with: Dataverse answers every plug-in refusal with IsvAborted 0x80040265 and puts the
    /// plug-in's own code in the error's <c>@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode</c> (decimal), which it
    /// includes only when the request asked for it (<see cref="BatchOperation.ErrorDetailsPreference"/>).
    /// </summary>
    public string? SubErrorCode => Body?["error"]?["@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode"]?.GetValue<string>();

    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>
    /// No answer came (the attempt timed out or the connection dropped after sending): the write may still be running
    /// or may have committed, so it must not be re-sent in this process; its message is abandoned.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>Dataverse answered that it did not do it for now (throttled, server-side failure): safe to send again.</summary>
    public bool IsTransient => !OutcomeUnknown && StatusCode is 408 or 429 or >= 500;

    /// <summary>The message should go back to the queue rather than be dead-lettered.</summary>
    public bool ShouldAbandon => IsTransient || OutcomeUnknown;

    public static BatchOperationResult Failure(int statusCode, string message) => new(statusCode, null, message, null, null);

    public static BatchOperationResult Unknown(string message) => new(408, null, message, null, null) { OutcomeUnknown = true };
}
