using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes.Support;

/// <summary>Rows of the solution's tables for the semantics probes, created as SYSTEM.</summary>
internal static class SolutionRows
{
    public static Guid Account(IOrganizationService service, string name = "Contoso", string? number = null)
    {
        var account = new Entity("account") { ["name"] = name };
        if (number is not null)
        {
            account["accountnumber"] = number;
        }

        return service.Create(account);
    }

    public static Guid Receivable(IOrganizationService service, Guid accountId, string erpId = "INV-1") =>
        service.Create(new Entity("cos_receivable")
        {
            ["cos_invoicenumber"] = erpId,
            ["cos_sourcesystem"] = "SAP",
            ["cos_erpid"] = erpId,
            ["cos_accountid"] = new EntityReference("account", accountId),
            ["cos_amount"] = new Money(100m),
        });

    public static Guid Order(IOrganizationService service, Guid accountId) =>
        service.Create(new Entity("salesorder") { ["name"] = "SO-1", ["customerid"] = new EntityReference("account", accountId) });
}
