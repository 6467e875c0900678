using System.ServiceModel;
using CreditOS.Testing;
using CreditOS.Testing.Builders;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Workflows.Tests;

/// <summary>
/// The one decision path, the Custom API cos_DecideCreditApproval, called as Fiona (Finance approver), Sam (sales rep)
/// and Ada (System Administrator) through the local Dataverse with the solution's roles and every approval plug-in.
/// </summary>
public sealed class DecideCreditApprovalTests : ApprovalTestBase
{
    private static readonly Guid DefaultRoute = new("c747d93a-855a-5680-994f-e68a9764a5cb");

    [Fact]
    public void FinanceApprover_Approves_TheOrderIsReleasedAndTheRequestClosed_WrittenAsTheCreditFlow()
    {
        var request = HeldRequest();

        var response = Decide(FixedIds.FinanceApprover, request.Id, Approved, "Long-standing customer.");

        Assert.Equal("Approved", response["Outcome"]);
        var decided = Row(Request, request.Id);
        Assert.Equal(Approved, Status(decided, "cos_approvalstatus"));
        Assert.Equal(FixedIds.FinanceApprover, decided.GetAttributeValue<EntityReference>("cos_decidedby").Id);
        Assert.Equal(FixedIds.Now.UtcDateTime, decided.GetAttributeValue<DateTime>("cos_decidedon"));
        Assert.Equal(1, Status(decided, "statecode"));
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        AssertProcessesSucceeded();
    }

    [Fact]
    public void SalesRep_CallingTheApi_IsRefused_AndNothingChanges()
    {
        var request = HeldRequest();

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.SalesRep, request.Id, Approved, "My customer is fine."));

        Assert.Contains("segregation of duties", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    [Fact]
    public void SalesRep_ForAnotherRepsOrder_IsRefusedAsNotAFinanceApprover()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.AdminUser);
        var request = OnlyRequestFor(ApprovalsIds.HeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.SalesRep, request.Id, Approved, "Fine."));

        Assert.Contains("Only holders of the solution's 'creditOS Finance Approver' role", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    [Fact]
    public void Administrator_IsNoFinanceApprover_TheApiRefusesThem()
    {
        var request = HeldRequest();

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.AdminUser, request.Id, RejectedDecision, "Admin says no."));

        Assert.Contains("Only holders of the solution's 'creditOS Finance Approver' role", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    [Theory]
    [InlineData(FixedIdsUser.FinanceApprover)]
    [InlineData(FixedIdsUser.Administrator)]
    public void SettingTheStatusDirectly_IsRefusedWhateverTheRole_TheApiIsTheOnlyPath(FixedIdsUser who)
    {
        var request = HeldRequest();
        var user = who == FixedIdsUser.FinanceApprover ? FixedIds.FinanceApprover : FixedIds.AdminUser;

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Scenario.As(user).Update(new Entity(Request, request.Id)
        {
            ["cos_approvalstatus"] = new OptionSetValue(Approved),
            ["cos_decisioncomment"] = "Straight into the column.",
        }));

        Assert.Contains("cos_DecideCreditApproval", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    [Fact]
    public void Reject_WithoutAComment_IsRefused()
    {
        var request = HeldRequest();

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.FinanceApprover, request.Id, RejectedDecision, "   "));

        Assert.Contains("needs a comment", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    [Fact]
    public void Approve_AboveTheRoutesCommentThreshold_NeedsAComment_BelowItDoesNot()
    {
        Service.Update(new Entity("cos_approvalrouting", DefaultRoute) { ["cos_commentrequiredabove"] = new Money(10_000m) });
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        Scenario.AHeldOrder(ApprovalsIds.SecondHeldOrder, FixedIds.CustomerAccount, 8_000m, FixedIds.SalesRep);
        var large = OnlyRequestFor(ApprovalsIds.HeldOrder);
        var small = OnlyRequestFor(ApprovalsIds.SecondHeldOrder);

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.FinanceApprover, large.Id, Approved, null));
        Decide(FixedIds.FinanceApprover, small.Id, Approved, null);

        Assert.Contains("for 12,000.00 needs a comment: the approval route requires one above 10,000.00", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(large.Id);
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.SecondHeldOrder), "cos_creditstatus"));
        Decide(FixedIds.FinanceApprover, large.Id, Approved, "Above the threshold, with reasons.");
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void AskForInformation_WaitsForTheRepsAnswer_ThenFinanceDecides()
    {
        var request = HeldRequest();

        var asked = Decide(FixedIds.FinanceApprover, request.Id, MoreInformation, "Is the customer's new warehouse financed?");

        Assert.Equal("MoreInformationRequested", asked["Outcome"]);
        var waiting = Row(Request, request.Id);
        Assert.Equal(MoreInformation, Status(waiting, "cos_approvalstatus"));
        Assert.Equal("Is the customer's new warehouse financed?", waiting.GetAttributeValue<string>("cos_informationrequest"));
        var task = Assert.Single(Rows("task", "regardingobjectid", ApprovalsIds.HeldOrder));
        Assert.Equal(FixedIds.SalesRep, task.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Contains("new warehouse", task.GetAttributeValue<string>("description"), StringComparison.Ordinal);
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
        var tooEarly = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(ApprovalsIds.SecondFinanceApprover, request.Id, Approved, "Fine."));
        Assert.Contains("waiting for the sales rep's answer", tooEarly.Detail.Message, StringComparison.Ordinal);

        var notAsked = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Answer(FixedIds.AdminUser, request.Id, "Approve it."));
        var straightIntoTheColumn = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
            Scenario.As(FixedIds.AdminUser).Update(new Entity(Request, request.Id) { ["cos_informationresponse"] = "Approve it." }));
        Answer(FixedIds.SalesRep, request.Id, "Yes, by a bank loan signed in December.");

        Assert.Contains("only they answer", notAsked.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("cos_AnswerCreditApprovalQuestion", straightIntoTheColumn.Detail.Message, StringComparison.Ordinal);

        var answered = Row(Request, request.Id);
        Assert.Equal(InformationProvided, Status(answered, "cos_approvalstatus"));
        Assert.Equal("Yes, by a bank loan signed in December.", answered.GetAttributeValue<string>("cos_informationresponse"));
        Decide(FixedIds.FinanceApprover, request.Id, Approved, "Financed; one-off.");
        Assert.Equal(Released, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }

    [Fact]
    public void AskForInformation_WithoutAQuestion_IsRefused_AndAnAnswerNobodyAskedFor_IsRefused()
    {
        var request = HeldRequest();

        var noQuestion = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Decide(FixedIds.FinanceApprover, request.Id, MoreInformation, null));
        var unasked = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Answer(FixedIds.SalesRep, request.Id, "Please approve."));

        Assert.Contains("needs the question", noQuestion.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("not waiting for an answer", unasked.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    [Fact]
    public void UnknownDecision_IsRefusedWithTheAcceptedValues()
    {
        var request = HeldRequest();

        var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Scenario.As(FixedIds.FinanceApprover).Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request, request.Id),
            ["Decision"] = "Maybe",
        }));

        Assert.Contains("use Approve, Reject or AskForInformation", refusal.Detail.Message, StringComparison.Ordinal);
        AssertUndecided(request.Id);
    }

    private void Answer(Guid userId, Guid requestId, string answer) =>
        Scenario.As(userId).Execute(new OrganizationRequest("cos_AnswerCreditApprovalQuestion")
        {
            ["Target"] = new EntityReference(Request, requestId),
            ["Answer"] = answer,
        });

    private Entity HeldRequest()
    {
        Scenario.AnAccount(FixedIds.CustomerAccount, 50_000m, 45_000m);
        Scenario.AHeldOrder(ApprovalsIds.HeldOrder, FixedIds.CustomerAccount, 12_000m, FixedIds.SalesRep);
        return OnlyRequestFor(ApprovalsIds.HeldOrder);
    }

    private void AssertUndecided(Guid requestId)
    {
        var request = Row(Request, requestId);
        Assert.Equal(Pending, Status(request, "cos_approvalstatus"));
        Assert.Null(request.GetAttributeValue<EntityReference>("cos_decidedby"));
        Assert.Equal(0, Status(request, "statecode"));
        Assert.Equal(OnHold, Status(Row("salesorder", ApprovalsIds.HeldOrder), "cos_creditstatus"));
    }
}

/// <summary>Who tries to set a request's status directly.</summary>
public enum FixedIdsUser
{
    FinanceApprover,
    Administrator,
}
