using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 25 (session 33): the quick find record limit. "About quick find queries" (learn.microsoft.com/power-apps/developer/data-platform/quick-find,
/// "Quick find record limits", on by default): "quick find queries return an error when the number results exceed 10,000 rows" with
/// QuickFindQueryRecordLimitExceeded 0x8004E024 "The number of records for this search exceeds the Quick Search record limit. Please refine your
/// query and try again."; "The search item limit is calculated using ONLY the items in the quick find filter … even before applying security
/// filters … Adding more filters to get a smaller total number of records returned won't decrease the potential of the … exception. Someone
/// querying a table without privileges to view all the matching records can get this error."; overridequickfindrecordlimitdisabled='1' bypasses it.
/// Before this round a quick find filter was read as an ordinary Or filter and any number of rows was answered.
/// </summary>
public sealed class QuickFindLimitProbes(QuickFindLimitProbes.TenThousandAndOneAccounts accounts) : IClassFixture<QuickFindLimitProbes.TenThousandAndOneAccounts>
{
    private const int QuickFindQueryRecordLimitExceeded = unchecked((int)0x8004E024);

    /// <summary>"Account 00000" to "Account 10000": 'Account%' matches 10,001 rows, 'Account 0%' 10,000 and 'Account 1%' one.</summary>
    public sealed class TenThousandAndOneAccounts : IDisposable
    {
        public TenThousandAndOneAccounts()
        {
            Env = DataverseTestBuilder.ALocalDataverse().Build();
            for (var start = 0; start <= 10_000; start += 1_000)
            {
                var batch = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false } };
                for (var i = start; i <= Math.Min(10_000, start + 999); i++)
                {
                    batch.Requests.Add(new CreateRequest { Target = new Entity("account") { ["name"] = $"Account {i:D5}", ["accountnumber"] = $"N{i:D5}" } });
                }

                Assert.False(((ExecuteMultipleResponse)Env.Service.Execute(batch)).IsFaulted);
            }
        }

        public DataverseTestContext Env { get; }

        public void Dispose() => Env.Dispose();
    }

    [Fact]
    public void AQueryExpressionQuickFindFilterMatchingMoreThan10000Rows_Faults_EvenWithAnotherFilterThatMatchesNone()
    {
        var query = QuickFind("Account%");
        query.Criteria.AddFilter(new FilterExpression(LogicalOperator.And) { Conditions = { new ConditionExpression("statecode", ConditionOperator.Equal, 1) } });

        var fault = FaultAssert.Throws(QuickFindQueryRecordLimitExceeded, () => accounts.Env.Service.RetrieveMultiple(query));

        Assert.StartsWith("The number of records for this search exceeds the Quick Search record limit. Please refine your query and try again.", fault.Message, StringComparison.Ordinal);
        Assert.Empty(accounts.Env.Service.RetrieveMultiple(new QueryExpression("account")
        {
            Criteria = { Conditions = { new ConditionExpression("name", ConditionOperator.Like, "Account%"), new ConditionExpression("statecode", ConditionOperator.Equal, 1) } },
        }).Entities);
    }

    [Fact]
    public void AFetchXmlQuickFindFilterMatchingMoreThan10000Rows_Faults_AndOverrideQuickFindRecordLimitDisabledBypassesIt()
    {
        FaultAssert.Throws(QuickFindQueryRecordLimitExceeded, () => accounts.Env.Service.RetrieveMultiple(new FetchExpression(Fetch("Account%", string.Empty))));

        var bypassed = accounts.Env.Service.RetrieveMultiple(new FetchExpression(Fetch("Account%", " overridequickfindrecordlimitdisabled='1'")));

        Assert.Equal((5_000, true), (bypassed.Entities.Count, bypassed.MoreRecords));
    }

    [Fact]
    public void TheLimitIsCountedBeforeSecurity_AUserWhoReadsNoneOfTheRowsStillGetsTheFault()
    {
        var otherUnit = accounts.Env.ABusinessUnit("Quick Find Elsewhere");
        var sam = accounts.Env.AUser("Sam Elsewhere").WithRole(SolutionRoles.SalesRep).InBusinessUnit(otherUnit).Create();
        var service = accounts.Env.As(sam);
        Assert.Empty(service.RetrieveMultiple(new QueryExpression("account")
        {
            TopCount = 1,
            Criteria = { Conditions = { new ConditionExpression("name", ConditionOperator.Like, "Account%") } },
        }).Entities);

        FaultAssert.Throws(QuickFindQueryRecordLimitExceeded, () => service.RetrieveMultiple(QuickFind("Account%")));
    }

    [Fact]
    public void Control_ExactlyTheLimit_IsAnswered_AsAnOrdinaryOrFilter()
    {
        var page = accounts.Env.Service.RetrieveMultiple(new FetchExpression(Fetch("Account 0%", " count='5000' page='2'")));
        var one = accounts.Env.Service.RetrieveMultiple(QuickFind("N10000%"));

        Assert.Equal((5_000, false), (page.Entities.Count, page.MoreRecords));
        Assert.Equal("Account 10000", Assert.Single(one.Entities).GetAttributeValue<string>("name"));
    }

    [Fact]
    public void AQuickFindFilterInsideALinkEntity_IsRefusedAsNotImplemented()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        var link = query.AddLink("account", "parentaccountid", "accountid", JoinOperator.LeftOuter);
        link.LinkCriteria = new FilterExpression(LogicalOperator.Or) { IsQuickFindFilter = true, Conditions = { new ConditionExpression("name", ConditionOperator.Like, "A%") } };

        var fault = FaultAssert.Throws(unchecked((int)0x80040315), () => accounts.Env.Service.RetrieveMultiple(query));

        Assert.Contains("quick find", fault.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// bypassquickfind is not in the filter reference (fetchxml/reference/filter lists isquickfindfields and the two override attributes):
    /// what Dataverse skips for it is not published, so '1' is refused rather than read as nothing; '0' changes nothing and is answered.
    /// </summary>
    [Fact]
    public void TheUndocumentedBypassQuickFindAttribute_IsRefusedAsNotImplemented()
    {
        var fault = FaultAssert.Throws(unchecked((int)0x80040315), () =>
            accounts.Env.Service.RetrieveMultiple(new FetchExpression(Fetch("N10000%", string.Empty).Replace("isquickfindfields='1'", "isquickfindfields='1' bypassquickfind='1'", StringComparison.Ordinal))));
        var off = accounts.Env.Service.RetrieveMultiple(new FetchExpression(Fetch("N10000%", string.Empty).Replace("isquickfindfields='1'", "isquickfindfields='1' bypassquickfind='0'", StringComparison.Ordinal)));

        Assert.Contains("bypassquickfind='1'", fault.Message, StringComparison.Ordinal);
        Assert.Single(off.Entities);
    }

    private static QueryExpression QuickFind(string search) => new("account")
    {
        ColumnSet = new ColumnSet("name"),
        Criteria = new FilterExpression(LogicalOperator.And)
        {
            Filters =
            {
                new FilterExpression(LogicalOperator.Or)
                {
                    IsQuickFindFilter = true,
                    Conditions = { new ConditionExpression("name", ConditionOperator.Like, search), new ConditionExpression("accountnumber", ConditionOperator.Like, search) },
                },
            },
        },
    };

    private static string Fetch(string search, string extra) =>
        "<fetch" + (extra.Contains("count", StringComparison.Ordinal) ? extra : string.Empty) + "><entity name='account'><attribute name='name' />" +
        "<filter type='or' isquickfindfields='1'" + (extra.Contains("override", StringComparison.Ordinal) ? extra : string.Empty) + ">" +
        $"<condition attribute='name' operator='like' value='{search}' /><condition attribute='accountnumber' operator='like' value='{search}' /></filter>" +
        "<filter type='and'><condition attribute='statecode' operator='eq' value='0' /></filter><order attribute='name' /></entity></fetch>";
}
