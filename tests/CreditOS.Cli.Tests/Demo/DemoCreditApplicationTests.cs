using CreditOS.Cli.Demo.Story;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>The demo's credit application chapter, checked against the rows the local Dataverse holds after the run.</summary>
public sealed class DemoCreditApplicationTests(SmallDemoFixture demo) : IClassFixture<SmallDemoFixture>
{
    private IOrganizationService Service => demo.Run.Dataverse.GetOrganizationService();

    [Fact]
    public void NewCustomer_Applies_TheBureauIsConsulted_FinanceApproves_AndTheFirstOrderPassesOnThatLimit()
    {
        var outcome = demo.Run.Outcome<CreditApplicationOutcome>();

        var application = Service.Retrieve(CreditApplication.EntityLogicalName, outcome.ApplicationId, new ColumnSet(true));
        var account = Service.Retrieve(Account.EntityLogicalName, outcome.AccountId, new ColumnSet(Account.Fields.ApprovedLimit, Account.Fields.CreditLimit));
        var request = Service.Retrieve(CreditApprovalRequest.EntityLogicalName, application.GetAttributeValue<EntityReference>(CreditApplication.Fields.ApprovalRequestId).Id, new ColumnSet(true));

        Assert.Equal(nameof(CreditApplicationStatus.Approved), outcome.Status);
        Assert.Equal("GB-X-09100001", application.GetAttributeValue<string>(CreditApplication.Fields.BureauCompanyId));
        Assert.Equal(74, request.GetAttributeValue<int>(CreditApprovalRequest.Fields.BureauSolvencyScore));
        Assert.Equal(30_000m, outcome.RecommendedLimit);
        Assert.Equal(outcome.RecommendedLimit, outcome.ApprovedLimit);
        Assert.Equal(outcome.ApprovedLimit, account.GetAttributeValue<Money>(Account.Fields.ApprovedLimit).Value);
        Assert.Equal(demo.Run.Reference!.People.FinanceApproverId, request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.DecidedBy).Id);
        Assert.Equal("PrepaymentRequired", outcome.BeforeApproval.ReasonCode);
        Assert.Equal(SalesOrderCreditStatus.Approved, outcome.FirstOrder.CreditStatus);
    }
}
