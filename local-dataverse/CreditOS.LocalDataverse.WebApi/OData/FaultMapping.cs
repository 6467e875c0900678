using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>Turns organization service faults into Web API status codes and OData error bodies.</summary>
public static class FaultMapping
{
    public static WebApiResult ToResult(FaultException<OrganizationServiceFault> fault, bool createOnly = false)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var code = fault.Detail.ErrorCode;
        var status = code switch
        {
            DataverseErrorCodes.ObjectDoesNotExist => 404,
            WebApiErrorCodes.ODataPayloadError when fault.Detail.Message?.StartsWith(EntityJson.ResourceNotFoundPrefix, StringComparison.Ordinal) == true => 404,
            DataverseErrorCodes.ConcurrencyVersionMismatch => 412,
            DataverseErrorCodes.UnexpectedError when fault.Detail.Message?.StartsWith("The local ", StringComparison.Ordinal) == true => 501,
            DataverseErrorCodes.DuplicateRecord or DataverseErrorCodes.DuplicateRecordEntityKey => createOnly ? 412 : 400,
            DataverseErrorCodes.SqlTimeout or DataverseErrorCodes.GenericSqlError or DataverseErrorCodes.UnexpectedError => 500,
            _ => 400,
        };
        return WebApiResult.Error(status, code, fault.Detail.Message ?? fault.Message);
    }
}
