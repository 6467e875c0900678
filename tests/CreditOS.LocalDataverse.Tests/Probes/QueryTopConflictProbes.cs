using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A top count does not combine with counting or paging. "You can't apply the fetch element top attribute together with
/// returntotalrecordcount" (fetchxml/count-rows); "You can't use the QueryExpression.TopCount property together with
/// ReturnTotalRecordCount" (org-service/queryexpression/count-rows); "Don't use the fetch element top attribute with paging. These
/// different methods of limiting the results of a query are not compatible" (fetchxml/page-results). The local Dataverse returned
/// the top rows with a total count, and the top rows for top with a page; both are refused now (InvalidArgument, our wording:
/// Microsoft publishes none).
/// </summary>
public sealed class QueryTopConflictProbes
{
    [Fact]
    public void FetchXmlTop_WithReturnTotalRecordCount_IsRefused()
    {
        using var dataverse = Accounts(3, out var service);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(new FetchExpression(
            "<fetch top='2' returntotalrecordcount='true'><entity name='account'><attribute name='name'/></entity></fetch>")));
        var withoutTop = service.RetrieveMultiple(new FetchExpression(
            "<fetch returntotalrecordcount='true'><entity name='account'><attribute name='name'/></entity></fetch>"));

        Assert.Equal(3, withoutTop.TotalRecordCount);
    }

    [Fact]
    public void QueryExpressionTopCount_WithReturnTotalRecordCount_IsRefused()
    {
        using var dataverse = Accounts(3, out var service);
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 2, PageInfo = new PagingInfo { ReturnTotalRecordCount = true } };

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(query));
        Assert.Equal(2, service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 2 }).Entities.Count);
    }

    [Theory]
    [InlineData("<fetch top='2' page='1'>")]
    [InlineData("<fetch top='2' page='2'>")]
    public void FetchXmlTop_WithAPage_IsRefused(string fetch)
    {
        using var dataverse = Accounts(3, out var service);

        FaultAssert.Throws(DataverseErrorCodes.InvalidArgument, () => service.RetrieveMultiple(new FetchExpression(
            fetch + "<entity name='account'><attribute name='name'/></entity></fetch>")));
        Assert.Equal(2, service.RetrieveMultiple(new FetchExpression("<fetch top='2'><entity name='account'><attribute name='name'/></entity></fetch>")).Entities.Count);
    }

    private static LocalDataverse Accounts(int count, out IOrganizationService service)
    {
        var dataverse = new LocalDataverse();
        service = dataverse.GetOrganizationService();
        for (var index = 0; index < count; index++)
        {
            SolutionRows.Account(service, $"Account {index}");
        }

        return dataverse;
    }
}
