using System.Xml.Linq;
using CreditOS.Solution.Files;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Workflows.Tests;

public sealed class ApprovalViewTests : ApprovalTestBase
{
    private const string AwaitingFinanceView = "src/Entities/cos_creditapprovalrequest/SavedQueries/{10c2e761-8f29-554e-a96d-814285a54db8}.xml";

    [Fact]
    public void CreditApprovalsAwaitingFinance_ListsOpenRequests_ByDueTimeThenLargestAmount()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AnAccount(FixedIds.SecondCustomerAccount, 50_000m, 48_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.AHeldOrder(ApprovalsIds.SecondHeldOrder, FixedIds.SecondCustomerAccount, 30_000m, FixedIds.SalesRep);
        Scenario.Context.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = Guid.Parse("0e000000-0000-4000-8000-000000000003");
        Scenario.AHeldOrder(third, FixedIds.CustomerAccount, 90_000m, FixedIds.SalesRep);
        var twelveThousand = OnlyRequestFor(ApprovalsIds.HeldOrder);
        Scenario.AHeldOrder(Guid.Parse("0e000000-0000-4000-8000-000000000004"), FixedIds.SecondCustomerAccount, 1_000m, FixedIds.SalesRep);
        Decide(FixedIds.FinanceApprover, OnlyRequestFor(Guid.Parse("0e000000-0000-4000-8000-000000000004")).Id, Approved, "Small.");

        var rows = Service.RetrieveMultiple(new FetchExpression(ViewFetchXml())).Entities;

        Assert.Equal([30_000m, 12_000m, 90_000m], rows.Select(r => r.GetAttributeValue<Money>("cos_orderamount").Value).ToArray());
        Assert.Equal(twelveThousand.Id, rows[1].Id);
    }

    private static string ViewFetchXml()
    {
        using var stream = new EmbeddedSolutionFileSource().Open(AwaitingFinanceView);
        return XDocument.Load(stream).Descendants("fetch").Single().ToString();
    }
}
