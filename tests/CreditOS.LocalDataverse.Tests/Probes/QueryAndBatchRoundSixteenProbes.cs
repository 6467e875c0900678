using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Session 23, organization-service round 16: the query, batch and state cases of the round's brief that earlier rounds had not
/// probed in this form. Each was checked against Microsoft's documentation and passed on main before this round (see the local
/// Dataverse README, "Organization service round 16 (session 23)").
/// </summary>
public sealed class QueryAndBatchRoundSixteenProbes
{
    /// <summary>
    /// "Without the top attribute, Dataverse returns up to 5,000 standard tables rows" (fetchxml/overview); when more match,
    /// MoreRecords is true and a paging cookie is returned for the next page (fetchxml/page-results). TopCount reads no more and says
    /// none is left; the total count stops at 5,000 with TotalRecordCountLimitExceeded (queryexpression/count-rows).
    /// </summary>
    [Fact]
    public void AQueryWithoutPaging_Returns5000Rows_WithMoreRecordsAndACookie_AndTheCountStopsAt5000()
    {
        using var env = TestEnvironment.Create();
        CreateAccounts(env.Service, 5_001);

        var plain = env.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") });
        var fetch = env.Service.RetrieveMultiple(new FetchExpression("<fetch><entity name='account'><attribute name='name' /></entity></fetch>"));
        var top = env.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name"), TopCount = 5_000 });
        var counted = env.Service.RetrieveMultiple(new QueryExpression("account") { PageInfo = new PagingInfo { ReturnTotalRecordCount = true } });

        Assert.All(new[] { plain, fetch }, page => Assert.Equal((5_000, true, true), (page.Entities.Count, page.MoreRecords, page.PagingCookie?.StartsWith("<cookie page=\"1\">", StringComparison.Ordinal))));
        Assert.Equal((5_000, false), (top.Entities.Count, top.MoreRecords));
        Assert.Equal((5_000, true), (counted.TotalRecordCount, counted.TotalRecordCountLimitExceeded));
    }

    /// <summary>
    /// Microsoft's aggregate sample reads an average of a currency column as Money (<c>((Money)((AliasedValue)c["estimatedvalue_avg"]).Value).Value</c>,
    /// AliasedValue class); "Null values aren't considered", and in the documented grouping example the group whose only row has no
    /// number of employees totals 0 (fetchxml/aggregate-data). count and countcolumn are whole numbers.
    /// </summary>
    [Fact]
    public void MoneyAggregatesAreMoney_CountsAreWholeNumbers_AndAGroupOfNullsSumsToZero()
    {
        using var env = TestEnvironment.Create();
        env.Service.Create(new Entity("account") { ["name"] = "A", ["industrycode"] = new OptionSetValue(1), ["creditlimit"] = new Money(10m) });
        env.Service.Create(new Entity("account") { ["name"] = "B", ["industrycode"] = new OptionSetValue(1), ["creditlimit"] = new Money(25m) });
        env.Service.Create(new Entity("account") { ["name"] = "C", ["industrycode"] = new OptionSetValue(2) });

        var rows = env.Service.RetrieveMultiple(new FetchExpression("""
            <fetch aggregate='true'><entity name='account'>
              <attribute name='industrycode' alias='grp' groupby='true' />
              <attribute name='creditlimit' alias='total' aggregate='sum' />
              <attribute name='creditlimit' alias='mean' aggregate='avg' />
              <attribute name='creditlimit' alias='largest' aggregate='max' />
              <attribute name='accountid' alias='rows' aggregate='count' />
              <attribute name='creditlimit' alias='limits' aggregate='countcolumn' />
              <order alias='grp' />
            </entity></fetch>
            """)).Entities;

        // The grouped choice orders by its label (Retail, Manufacturing): read the groups by value.
        var groups = rows.OrderBy(row => ((OptionSetValue)Aliased(row, "grp")!).Value).ToList();
        Assert.Equal(
            ["1 total=35 rows=2 limits=2", "2 total=0 rows=1 limits=0"],
            groups.Select(row => $"{((OptionSetValue)Aliased(row, "grp")!).Value} total={Amount(row, "total")} rows={(int)Aliased(row, "rows")!} limits={(int)Aliased(row, "limits")!}"));
        Assert.Equal((17.5m, 25m), (Amount(groups[0], "mean"), Amount(groups[0], "largest")));
    }

    /// <summary>
    /// count is COUNT(*) over the joined rows and countcolumn counts values (aggregate function table, fetchxml/aggregate-data): over
    /// an outer link an account without contacts still has its one row, and no contact id. A live answer of the same query
    /// (rappen/FetchXMLBuilder#680, "Count is returned as 1 even when there is no record") shows the 1.
    /// </summary>
    [Fact]
    public void CountOverAnOuterLink_CountsTheAccountsOwnRow_CountColumnCountsNoContact()
    {
        using var env = TestEnvironment.Create();
        var withContacts = env.Service.Create(Rows.Account("With"));
        env.Service.Create(Rows.Account("Without"));
        env.Service.Create(new Entity("contact") { ["lastname"] = "One", ["cos_code"] = "C1", ["parentcustomerid"] = new EntityReference("account", withContacts) });
        env.Service.Create(new Entity("contact") { ["lastname"] = "Two", ["cos_code"] = "C2", ["parentcustomerid"] = new EntityReference("account", withContacts) });

        var rows = env.Service.RetrieveMultiple(new FetchExpression("""
            <fetch aggregate='true'><entity name='account'>
              <attribute name='name' alias='account' groupby='true' />
              <link-entity name='contact' from='parentcustomerid' to='accountid' link-type='outer'>
                <attribute name='contactid' alias='counted' aggregate='count' />
                <attribute name='contactid' alias='contacts' aggregate='countcolumn' />
              </link-entity>
              <order alias='account' />
            </entity></fetch>
            """)).Entities;

        Assert.Equal(["With 2 2", "Without 1 0"], rows.Select(row => $"{Aliased(row, "account")} {Aliased(row, "counted")} {Aliased(row, "contacts")}"));
    }

    /// <summary>
    /// "If false, … the remaining requests are not processed" (ExecuteMultipleSettings.ContinueOnError), and with ReturnResponses
    /// the collection holds each request run up to the fault (execute-multiple-requests): the third request never runs.
    /// </summary>
    [Fact]
    public void ExecuteMultipleWithoutContinueOnError_StopsAtTheFault_AndAnswersUpToIt()
    {
        using var env = TestEnvironment.Create();
        var request = new ExecuteMultipleRequest
        {
            Requests =
            [
                new CreateRequest { Target = Rows.Account("First") },
                new CreateRequest { Target = Rows.Account(new string('x', 161)) },
                new CreateRequest { Target = Rows.Account("Third") },
            ],
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = true },
        };

        var response = (ExecuteMultipleResponse)env.Service.Execute(request);

        Assert.True(response.IsFaulted);
        Assert.Equal(
            [(0, true, 0), (1, false, unchecked((int)0x80044331))],
            response.Responses.Select(item => (item.RequestIndex, item.Response is CreateResponse, item.Fault?.ErrorCode ?? 0)));
        Assert.Equal(1, env.Dataverse.Count("account"));
    }

    /// <summary>
    /// "State code is invalid or state code is valid but status code is invalid for a specified state code" (InvalidStateCodeStatusCode
    /// 0x80048408, web-service-error-codes): an Update that gives only a status reason of another state is refused, nothing changes.
    /// </summary>
    [Fact]
    public void AnUpdateOfTheStatusReasonAloneToAnotherStatesReason_IsRefused()
    {
        using var env = TestEnvironment.Create();
        var id = env.Service.Create(Rows.Account("Contoso"));

        FaultAssert.Throws(DataverseErrorCodes.InvalidStateCodeStatusCode, () => env.Service.Update(new Entity("account", id) { ["statuscode"] = new OptionSetValue(2) }));

        var row = env.Service.Retrieve("account", id, new ColumnSet("statecode", "statuscode"));
        Assert.Equal((0, 1), (row.GetAttributeValue<OptionSetValue>("statecode").Value, row.GetAttributeValue<OptionSetValue>("statuscode").Value));
        env.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("account", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
    }

    private static object? Aliased(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias)?.Value;

    private static decimal Amount(Entity row, string alias) => Assert.IsType<Money>(Aliased(row, alias)).Value;

    private static void CreateAccounts(IOrganizationService service, int count)
    {
        for (var start = 0; start < count; start += 1_000)
        {
            var batch = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false } };
            for (var i = start; i < Math.Min(count, start + 1_000); i++)
            {
                batch.Requests.Add(new CreateRequest { Target = Rows.Account($"Account {i:D5}") });
            }

            Assert.False(((ExecuteMultipleResponse)service.Execute(batch)).IsFaulted);
        }
    }
}
