using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "You can include no more than 500 total condition and link-entity elements in a FetchXml query. Otherwise, you see this error:
/// Name: TooManyConditionsInQuery Code: 0x8004430C Number: -2147204340 Message: Number of conditions in query exceeded maximum limit."
/// (Filter rows using FetchXml, "Condition limits"; the same for QueryExpression's ConditionExpression and LinkEntity instances and
/// for the conditions of a Web API $filter). The local Dataverse ran a query of any size. An In condition counts once, whatever its
/// values ("You might be able to reduce the number of conditions by using the in operator").
/// </summary>
public sealed class ConditionLimitProbes
{
    private const int TooManyConditionsInQuery = unchecked((int)0x8004430C);

    [Fact]
    public void FiveHundredConditions_Run_AndOneMore_IsRefused()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        SolutionRows.Account(service, "Name 7");

        var atLimit = service.RetrieveMultiple(new FetchExpression(Fetch(500)));
        var fault = FaultAssert.Throws(TooManyConditionsInQuery, () => service.RetrieveMultiple(new FetchExpression(Fetch(501))));

        Assert.Single(atLimit.Entities);
        Assert.Equal("Number of conditions in query exceeded maximum limit.", fault.Message);
    }

    [Fact]
    public void LinkEntities_CountWithTheConditions_AndAnInCountsOnce()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.FilterOperator = LogicalOperator.Or;
        for (var index = 0; index < 499; index++)
        {
            query.Criteria.AddCondition("name", ConditionOperator.Equal, $"Name {index}");
        }

        query.AddLink("contact", "primarycontactid", "contactid", JoinOperator.LeftOuter);
        var oneIn = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        oneIn.Criteria.AddCondition("name", ConditionOperator.In, Enumerable.Range(0, 1000).Select(index => (object)$"Name {index}").ToArray());

        Assert.Empty(service.RetrieveMultiple(oneIn).Entities);
        Assert.Empty(service.RetrieveMultiple(query).Entities);
        query.AddLink("systemuser", "owninguser", "systemuserid", JoinOperator.LeftOuter);
        FaultAssert.Throws(TooManyConditionsInQuery, () => service.RetrieveMultiple(query));
    }

    [Fact]
    public async Task AWebApiFilterOfMoreThanFiveHundredConditions_IsRefused()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var filter = string.Join(" or ", Enumerable.Range(0, 501).Select(index => $"numberofemployees eq {index}"));

        var answer = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x8004430c", answer.ErrorCode);
        Assert.Equal("Number of conditions in query exceeded maximum limit.", answer.ErrorMessage);
    }

    private static string Fetch(int conditions) =>
        "<fetch><entity name='account'><attribute name='name'/><filter type='or'>"
        + string.Concat(Enumerable.Range(0, conditions).Select(index => $"<condition attribute='name' operator='eq' value='Name {index}'/>"))
        + "</filter></entity></fetch>";
}
