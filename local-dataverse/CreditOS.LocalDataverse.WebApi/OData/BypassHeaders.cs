namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The Web API's headers that skip custom business logic and the organization service's optional parameters they stand for
/// ("Bypass custom Dataverse logic": <c>MSCRM.BypassCustomPluginExecution: true</c>,
/// <c>MSCRM.BypassBusinessLogicExecution: CustomSync,CustomAsync</c>, <c>MSCRM.BypassBusinessLogicExecutionStepIds: "id, id"</c>).
/// </summary>
internal static class BypassHeaders
{
    private const string CustomPlugins = "BypassCustomPluginExecution";

    private static readonly string[] Parameters = [CustomPlugins, "BypassBusinessLogicExecution", "BypassBusinessLogicExecutionStepIds"];

    /// <summary>The optional parameters a request's headers ask for (empty when none); the values are checked by the service.</summary>
    public static Dictionary<string, object> Of(WebApiRequest request)
    {
        var asked = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            if (request.Header("MSCRM." + parameter) is not { Length: > 0 } value)
            {
                continue;
            }

            // BypassCustomPluginExecution is a Boolean (a value other than true/false stays text, which the service refuses); the
            // others are strings.
            asked[parameter] = parameter == CustomPlugins && bool.TryParse(value.Trim(), out var flag) ? flag : value;
        }

        return asked;
    }
}
