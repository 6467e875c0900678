namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>Error codes only the Web API layer answers with (the organization service's are in DataverseErrorCodes).</summary>
public static class WebApiErrorCodes
{
    /// <summary>0x80060888: the OData payload or URL does not match the metadata (an undeclared property, an undeclared parameter).</summary>
    public const int ODataPayloadError = unchecked((int)0x80060888);

    /// <summary>
    /// 0x8006088a: the Web API resource or segment does not exist: "GET …/Account" answers 404 {"code": "0x8006088a", "message":
    /// "Resource not found for the segment 'Account'."} (Troubleshoot Dataverse Web API client errors,
    /// learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors).
    /// </summary>
    public const int ResourceNotFound = unchecked((int)0x8006088A);

    /// <summary>
    /// 0x0: the code Dataverse answers for a property the entity type does not have, in a query option ("$select=Name": 400
    /// {"code": "0x0", "message": "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'."}) and in a body
    /// ("Invalid property 'Name' was found in entity …"), same page. Written "0x0" (<see cref="WebApiResult.ErrorBody(int, string)"/>).
    /// </summary>
    public const int PropertyNotFound = 0;

    /// <summary>0x0 too for the OData library's other URI parser errors (a system query option given twice…).</summary>
    public const int UriParserError = PropertyNotFound;

    /// <summary>
    /// 0x80048d19: "Error identified in Payload provided by the user for Entity …", e.g. an @odata.bind on a name that is not a
    /// single-valued navigation property ("parentcustomerid@odata.bind": 400, same page).
    /// </summary>
    public const int PayloadError = unchecked((int)0x80048D19);
}
