using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Support;

/// <summary>Short ways to make and read the rows the tests use.</summary>
internal static class Rows
{
    public static Entity Account(string name, decimal? creditLimit = null)
    {
        var account = new Entity("account") { ["name"] = name };
        if (creditLimit is { } limit)
        {
            account["creditlimit"] = new Money(limit);
        }

        return account;
    }

    public static Entity Contact(string lastName) => new("contact") { ["lastname"] = lastName, ["cos_code"] = "C1" };

    public static Entity Get(this IOrganizationService service, string table, Guid id, params string[] columns) =>
        service.Retrieve(table, id, new ColumnSet(columns));

    public static bool Exists(this IOrganizationService service, string table, Guid id)
    {
        try
        {
            service.Retrieve(table, id, new ColumnSet(false));
            return true;
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault> fault) when (fault.Detail.ErrorCode == Faults.DataverseErrorCodes.ObjectDoesNotExist)
        {
            return false;
        }
    }
}
