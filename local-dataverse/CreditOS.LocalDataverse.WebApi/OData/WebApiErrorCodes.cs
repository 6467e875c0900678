namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>Error codes only the Web API layer answers with (the organization service's are in DataverseErrorCodes).</summary>
public static class WebApiErrorCodes
{
    /// <summary>0x80060888: the OData payload or URL does not match the metadata (an undeclared property, an undeclared parameter).</summary>
    public const int ODataPayloadError = unchecked((int)0x80060888);

    /// <summary>0x8006088A: the Web API resource or segment does not exist.</summary>
    public const int ResourceNotFound = unchecked((int)0x8006088A);
}
