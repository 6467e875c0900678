extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Change = plugins::CreditOS.Dataverse.Model.BureauChange;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Lift = plugins::CreditOS.Dataverse.Model.SuspensionLift;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Immediate suspension and its lifting, as the users (Sam the sales rep, Fiona the Finance approver) through the local
/// Dataverse with every plugin active: a fraud flag or a judgment or privilege from the bureau suspends in the same
/// transaction; only Finance lifts it, with a reason, recorded immutably; only something worse suspends again.
/// </summary>
public sealed class BureauSuspensionTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public BureauSuspensionTests() => AnAccount().WithLimit(50_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    [Fact]
    public void FraudFlag_SetByFinance_SuspendsAtOnce_AndSamsNextOrderIsRefusedWithTheReason()
    {
        Execute(FixedIds.FinanceApprover, "cos_FlagFraud", "Reason", "Bank details changed twice this week; the customer's CFO denies it.");

        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsFraudFlagged));
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Contains("flagged for suspected fraud", account.GetAttributeValue<string>(Account.Fields.SuspensionReason), StringComparison.Ordinal);
        var order = world.Order(AnOrder().Of(500m).Create(world.Context.As(FixedIds.SalesRep)));
        Assert.Equal((int)CreditStatus.Refused, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("flagged for suspected fraud", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void SalesRep_CannotFlagFraud_NorSetOrClearTheFlagOrTheWaiverByHand()
    {
        var flag = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Execute(FixedIds.SalesRep, "cos_FlagFraud", "Reason", "Looks odd."));
        var edit = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.SalesRep).Update(new Entity(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.WaivedJudgments] = 5 }));

        Assert.Contains("Finance Approver", flag.Detail.Message, StringComparison.Ordinal);
        Assert.Contains(Account.Fields.WaivedJudgments, edit.Detail.Message, StringComparison.Ordinal);
        Assert.False(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsFraudFlagged));
    }

    [Fact]
    public void Judgment_Suspends_SamCannotLiftIt_FinanceMustGiveAReason_AndTheLiftIsRecordedWithWhoAndWhy()
    {
        ABureauReport().WithJudgments(1).ReportedDaysAgo(1).Create(world.Service);
        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));

        var bySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => LiftAs(FixedIds.SalesRep, "The customer says it is paid."));
        var noReason = Assert.Throws<FaultException<OrganizationServiceFault>>(() => LiftAs(FixedIds.FinanceApprover, "  "));
        Assert.Contains("Finance Approver", bySam.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("A reason is required", noReason.Detail.Message, StringComparison.Ordinal);
        Assert.Empty(Lifts());

        var response = LiftAs(FixedIds.FinanceApprover, "Judgment of EUR 4,000 settled; court confirmation seen.");

        Assert.False((bool)response["IsSuspended"]);
        var account = world.Account(CreditTestIds.Customer);
        Assert.False(account.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        var lift = Assert.Single(Lifts());
        Assert.Equal((Guid)response["SuspensionLiftId"], lift.Id);
        Assert.Equal(FixedIds.FinanceApprover, lift.GetAttributeValue<EntityReference>(Lift.Fields.LiftedBy).Id);
        Assert.Equal("Judgment of EUR 4,000 settled; court confirmation seen.", lift.GetAttributeValue<string>(Lift.Fields.Reason));
        Assert.Contains("1 judgment(s)", lift.GetAttributeValue<string>(Lift.Fields.SuspensionReason), StringComparison.Ordinal);
        Assert.Equal(1, lift.GetAttributeValue<int>(Lift.Fields.WaivedJudgments));
        var order = world.Order(AnOrder().Of(500m).Create(world.Context.As(FixedIds.SalesRep)));
        Assert.NotEqual((int)CreditStatus.Refused, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
    }

    [Fact]
    public void AfterALift_TheSameJudgmentDoesNotSuspendAgain_ButANewOneDoes()
    {
        ABureauReport().WithJudgments(1).ReportedDaysAgo(2).Create(world.Service);
        LiftAs(FixedIds.FinanceApprover, "Settled.");

        ABureauReport().WithJudgments(1).ReportedDaysAgo(1).Create(world.Service);
        var afterSameFacts = world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended);
        ABureauReport().WithJudgments(2).ReportedDaysAgo(0).Create(world.Service);

        Assert.False(afterSameFacts);
        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Contains("2 judgment(s)", account.GetAttributeValue<string>(Account.Fields.SuspensionReason), StringComparison.Ordinal);
    }

    [Fact]
    public void APrivilegeFromTheBureau_SuspendsAtOnce()
    {
        ABureauReport().WithPrivileges(1).ReportedDaysAgo(1).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Contains("1 privilege(s)", account.GetAttributeValue<string>(Account.Fields.SuspensionReason), StringComparison.Ordinal);
    }

    [Fact]
    public void LiftingAnAccountThatIsNotSuspended_IsRefused_AndALiftCannotBeChangedOrDeleted()
    {
        var notSuspended = Assert.Throws<FaultException<OrganizationServiceFault>>(() => LiftAs(FixedIds.FinanceApprover, "Just in case."));
        Execute(FixedIds.FinanceApprover, "cos_FlagFraud", "Reason", "Suspicious.");
        LiftAs(FixedIds.FinanceApprover, "Identity verified by phone with the CFO.");
        var lift = Assert.Single(Lifts());

        var change = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Service.Update(new Entity(Lift.EntityLogicalName, lift.Id) { [Lift.Fields.Reason] = "Other" }));
        var delete = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Service.Delete(Lift.EntityLogicalName, lift.Id));

        Assert.Contains("is not suspended", notSuspended.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", change.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be changed or deleted", delete.Detail.Message, StringComparison.Ordinal);
        Assert.True(lift.GetAttributeValue<bool>(Lift.Fields.FraudFlagCleared));
        Assert.False(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsFraudFlagged));
    }

    [Fact]
    public void BureauEvents_OnAReport_BecomeTheAccountsChangeHistory_AndADuplicateEventWritesNothing()
    {
        ABureauReport().Rated(Rating.D).WithSolvency(30).ReportedDaysAgo(0).AnsweringEvents(
            "E500002",
            "500001\tInternationalRating\t101\tC\tD\t2026-01-15T01:00:00Z",
            "500002\tRecommendedCredit\t102\t40000\t15000\t2026-01-15T01:05:00Z").Create(world.Service);

        var changes = Changes();
        Assert.Equal(["500001", "500002"], changes.Select(change => change.GetAttributeValue<string>(Change.Fields.EventId)).Order());
        var rating = changes.Single(change => change.GetAttributeValue<string>(Change.Fields.EventId) == "500001");
        Assert.Equal(("C", "D"), (rating.GetAttributeValue<string>(Change.Fields.PreviousValue), rating.GetAttributeValue<string>(Change.Fields.NewValue)));
        Assert.Equal("International rating: C → D", rating.GetAttributeValue<string>(Change.Fields.Name));
        Assert.True(rating.GetAttributeValue<bool>(Change.Fields.IsDeterioration));
        var reports = world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.BureauReport.EntityLogicalName);

        var duplicate = Assert.Throws<FaultException<OrganizationServiceFault>>(() => ABureauReport().ReportedDaysAgo(0).AnsweringEvents(
            "E500003",
            "500002\tRecommendedCredit\t102\t40000\t15000\t2026-01-15T01:05:00Z",
            "500003\tJudgment\t105\t0\t1\t2026-01-15T01:10:00Z").Create(world.Service));

        Assert.Equal(reports, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.BureauReport.EntityLogicalName));
        Assert.Equal(2, Changes().Count);
        Assert.NotNull(duplicate.Detail);
    }

    [Fact]
    public void AReport_KeepsOurLimitAndReceivablesBesideTheRecommendedCredit_ForTheBelowOurLimitView()
    {
        var receivables = world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables);
        var below = ABureauReport().RecommendingCredit(20_000m).ReportedDaysAgo(1).Create(world.Service);
        var report = world.Service.Retrieve(plugins::CreditOS.Dataverse.Model.BureauReport.EntityLogicalName, below, new ColumnSet(true));

        Assert.Equal(50_000m, report.GetAttributeValue<Money>(plugins::CreditOS.Dataverse.Model.BureauReport.Fields.OurLimit).Value);
        Assert.Equal(receivables, report.GetAttributeValue<Money>(plugins::CreditOS.Dataverse.Model.BureauReport.Fields.OurReceivables).Value);
        Assert.True(report.GetAttributeValue<bool>(plugins::CreditOS.Dataverse.Model.BureauReport.Fields.BelowOurLimit));
    }

    [Fact]
    public void AMalformedEventLine_RefusesTheWholeReport()
    {
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => ABureauReport().ReportedDaysAgo(0).AnsweringEvents("E1", "1\tNoSuchCriterion\t101\tC\tD\t2026-01-15T01:00:00Z").Create(world.Service));

        Assert.Contains("does not read as event id", refused.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(0, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.BureauReport.EntityLogicalName));
        Assert.Empty(Changes());
    }

    private OrganizationResponse LiftAs(Guid userId, string reason) => Execute(userId, "cos_LiftSuspension", "Reason", reason);

    private OrganizationResponse Execute(Guid userId, string api, string parameter, string value) =>
        world.Context.As(userId).Execute(new OrganizationRequest(api)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [parameter] = value,
        });

    private List<Entity> Lifts() => [.. world.Service.RetrieveMultiple(new QueryExpression(Lift.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities];

    private List<Entity> Changes() => [.. world.Service.RetrieveMultiple(new QueryExpression(Change.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities];
}
