using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "For each money attribute in a table, Dataverse automatically creates a corresponding read-only, system calculated, money
/// attribute that is called the 'base' … creditlimit_base = creditlimit / exchangerate", and every table with money columns
/// has a transaction currency (learn.microsoft.com/power-apps/developer/data-platform/transaction-currency-currency-entity).
/// The local Dataverse keeps no base currency or exchange rate: naming those columns fails loudly as not implemented
/// (0x80040216 "The local Dataverse does not implement …"), not as an unknown column Dataverse has.
/// </summary>
public sealed class CurrencyColumnProbes
{
    [Theory]
    [InlineData("account", "creditlimit_base")]
    [InlineData("account", "exchangerate")]
    [InlineData("cos_creditpolicy", "transactioncurrencyid")]
    public void Retrieve_OfACurrencyColumn_FailsAsNotImplemented(string table, string column)
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = table == "account" ? SolutionRows.Account(service) : service.Create(new Entity(table) { ["cos_name"] = "Standard" });

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.Retrieve(table, id, new ColumnSet(column)));

        Assert.StartsWith("The local Dataverse does not implement the currency", fault.Message, StringComparison.Ordinal);
        Assert.Contains(column, fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQueryOrAWrite_NamingABaseColumn_FailsAsNotImplemented()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition("creditlimit_base", ConditionOperator.GreaterThan, 0m);

        var queried = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(query));
        var written = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.Update(new Entity("account", account) { ["exchangerate"] = 1m }));

        Assert.Contains("creditlimit_base", queried.Message, StringComparison.Ordinal);
        Assert.Contains("exchangerate", written.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnNoTableHas_IsStillAnUnknownColumn()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);

        FaultAssert.Throws(DataverseErrorCodes.QueryBuilderNoAttribute, () => service.Retrieve("account", account, new ColumnSet("name_base")));
    }
}
