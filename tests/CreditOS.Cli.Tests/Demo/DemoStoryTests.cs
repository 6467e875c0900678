using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Story;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Tests.Demo;

/// <summary>The demo's story outcomes, checked against the rows the local Dataverse holds after the run.</summary>
public sealed class DemoStoryTests(SmallDemoFixture demo) : IClassFixture<SmallDemoFixture>
{
    private IOrganizationService Service => demo.Run.Dataverse.GetOrganizationService();

    [Fact]
    public void GoodCustomersOrder_IsSavedApproved()
    {
        var outcome = demo.Run.Outcome<GoodOrderOutcome>();

        var order = Order(outcome.Order.OrderId!.Value);

        Assert.Equal((int)SalesOrderCreditStatus.Approved, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(outcome.AccountId, order.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id);
    }

    [Fact]
    public void OrderOverTheLimit_IsHeldWithItsReason_AndRoutedToTheFinanceQueue()
    {
        var outcome = demo.Run.Outcome<HeldOrderOutcome>();

        Assert.Equal(SalesOrderCreditStatus.OnHold, outcome.Held.CreditStatus);
        Assert.Equal("OverCreditLimit", outcome.Held.ReasonCode);
        Assert.Contains("above the credit limit", outcome.Held.Reason, StringComparison.Ordinal);
        var request = Requests(outcome.Held.OrderId!.Value).Single();
        Assert.Equal(demo.Run.Reference!.Finance.FinanceQueueId, request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.QueueId).Id);
        Assert.Equal(outcome.Held.Amount, request.GetAttributeValue<Money>(CreditApprovalRequest.Fields.OrderAmount).Value);
    }

    [Fact]
    public void HeldOrder_CannotBeApprovedByTheSalesRepWhoEnteredIt()
    {
        var outcome = demo.Run.Outcome<HeldOrderOutcome>();

        Assert.NotNull(outcome.SalesRepRefusal);
        Assert.Contains("segregation of duties", outcome.SalesRepRefusal, StringComparison.Ordinal);
    }

    [Fact]
    public void HeldOrder_ApprovedByTheFinanceApprover_IsReleasedWithTheDecisionRecorded()
    {
        var outcome = demo.Run.Outcome<HeldOrderOutcome>();
        var orderId = outcome.Held.OrderId!.Value;

        var order = Order(orderId);
        var request = Requests(orderId).Single();

        Assert.Equal((int)SalesOrderCreditStatus.Released, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal((int)CreditApprovalStatus.Approved, request.GetAttributeValue<OptionSetValue>(CreditApprovalRequest.Fields.ApprovalStatus).Value);
        Assert.Equal(demo.Run.Reference!.People.FinanceApproverId, request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.DecidedBy).Id);
        Assert.False(string.IsNullOrEmpty(request.GetAttributeValue<string>(CreditApprovalRequest.Fields.DecisionComment)));
    }

    [Fact]
    public void PaymentOfTheOverdueInvoices_IsApplied_AndLiftsTheHoldItCaused()
    {
        var outcome = demo.Run.Outcome<PaymentOutcome>();

        var order = Order(outcome.Held.OrderId!.Value);
        var account = Service.Retrieve(Account.EntityLogicalName, outcome.AccountId, new ColumnSet(Account.Fields.OverdueBeyondGrace));

        Assert.Equal(SalesOrderCreditStatus.OnHold, outcome.Held.CreditStatus);
        Assert.Equal("OverdueBeyondGrace", outcome.Held.ReasonCode);
        Assert.Null(outcome.Refusal);
        Assert.True(outcome.Paid > 0);
        Assert.Equal((int)SalesOrderCreditStatus.Released, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal(0m, account.GetAttributeValue<Money>(Account.Fields.OverdueBeyondGrace)?.Value ?? 0m);
    }

    [Fact]
    public void BureauJudgment_SuspendsTheCustomer_AndItsNextOrderIsKeptRefusedWithTheReason()
    {
        var outcome = demo.Run.Outcome<JudgmentOutcome>();

        var account = Service.Retrieve(Account.EntityLogicalName, outcome.AccountId, new ColumnSet(Account.Fields.IsSuspended, Account.Fields.SuspensionReason));
        var ordersAfter = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrder.Fields.Name, SalesOrder.Fields.CreditStatus, SalesOrder.Fields.HoldReason) };
        ordersAfter.Criteria.AddCondition(SalesOrder.Fields.CustomerId, ConditionOperator.Equal, outcome.AccountId);
        ordersAfter.Criteria.AddCondition(SalesOrder.Fields.Name, ConditionOperator.Equal, outcome.NextOrder!.Name);

        Assert.Null(outcome.Refusal);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsSuspended));
        Assert.Contains("judgment", account.GetAttributeValue<string>(Account.Fields.SuspensionReason), StringComparison.Ordinal);
        Assert.True(outcome.NextOrder.WasRefused);
        Assert.Contains("suspended", outcome.NextOrder.Reason, StringComparison.Ordinal);
        var kept = Assert.Single(Service.RetrieveMultiple(ordersAfter).Entities);
        Assert.Equal((int)SalesOrderCreditStatus.Refused, kept.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("suspended", kept.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    [Fact]
    public void NewCustomer_IsOnStarterTerms_AndItsFirstOrderWaitsForPrepayment()
    {
        var outcome = demo.Run.Outcome<StarterOutcome>();

        var account = Service.Retrieve(Account.EntityLogicalName, outcome.AccountId, new ColumnSet(Account.Fields.IsStarterTerms));
        var order = Order(outcome.FirstOrder.OrderId!.Value);

        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.Equal((int)SalesOrderCreditStatus.AwaitingPrepayment, order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Equal("PrepaymentRequired", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode));
    }

    [Fact]
    public void Portfolio_IsLoadedThroughBatchesOfAtMostOneThousandRequests()
    {
        var portfolio = demo.Run.Portfolio!;

        Assert.Equal(SmallDemoFixture.Customers, portfolio.Customers.Count);
        Assert.True(portfolio.Batches >= (int)Math.Ceiling(portfolio.TotalRows / (double)BatchWriter.MaxRequestsPerBatch));
        Assert.Equal(portfolio.RowsByTable[Receivable.EntityLogicalName], demo.Run.Dataverse.Count(Receivable.EntityLogicalName));
        Assert.Equal(portfolio.Customers.Sum(c => c.History.Invoices.Count), portfolio.RowsByTable[Receivable.EntityLogicalName]);
    }

    [Fact]
    public void EveryGeneratedCustomer_IsScoredWithATierPolicyAndScheduledHistory()
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.CreditTierId, Account.Fields.CreditPolicyId, Account.Fields.RiskScore) };
        var accounts = Service.RetrieveMultiple(query).Entities;
        var scheduled = new QueryExpression(CreditScoreHistory.EntityLogicalName) { ColumnSet = new ColumnSet(CreditScoreHistory.Fields.AccountId) };
        scheduled.Criteria.AddCondition(CreditScoreHistory.Fields.Trigger, ConditionOperator.Equal, (int)ScoreTrigger.Scheduled);

        Assert.All(accounts, a => Assert.NotNull(a.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)));
        Assert.All(accounts, a => Assert.NotNull(a.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId)));
        Assert.Equal(SmallDemoFixture.Customers, Service.RetrieveMultiple(scheduled).Entities.Select(h => h.GetAttributeValue<EntityReference>(CreditScoreHistory.Fields.AccountId).Id).Distinct().Count());
    }

    [Fact]
    public void PortfolioKpis_CoverEveryAccount_AndEveryOrderTheStoryChecked()
    {
        var kpis = demo.Run.Kpis!;

        Assert.Equal(demo.Run.Dataverse.Count(Account.EntityLogicalName), kpis.AccountCount);
        Assert.Equal(demo.Run.Story.Count(s => s is GoodOrderOutcome or HeldOrderOutcome or StarterOutcome or PaymentOutcome)
            + demo.Run.Story.OfType<JudgmentOutcome>().Count(j => j.NextOrder is not null)
            + (2 * demo.Run.Story.OfType<HoldCodeOutcome>().Count()) + demo.Run.Story.OfType<GroupLimitOutcome>().Count()
            + demo.Run.Story.OfType<BureauMonitoringOutcome>().Count(b => b.NextOrder is not null)
            + (demo.Run.Story.OfType<CreditApplicationOutcome>().Count() * 2)
            + demo.Run.Intake!.Entered, kpis.RejectionRates.Sum(r => r.OrdersChecked));
        Assert.True(kpis.RejectionRates.Sum(r => r.Rejected) >= demo.Run.Intake.Refused);
        Assert.InRange(kpis.UtilizationRate, 0.0, 10.0);
        Assert.True(kpis.AgingTotals.Total > 0);
        Assert.NotNull(kpis.DaysSalesOutstanding);
    }

    [Fact]
    public void MonitoredCustomer_WhoseRatingDropsOvernightAtTheBureau_IsSuspendedWithTheReason_BeforeTheNextOrder()
    {
        var bureau = Assert.Single(demo.Run.Story.OfType<BureauMonitoringOutcome>());

        Assert.True(bureau.Suspended);
        Assert.Contains("rates the customer E", bureau.SuspensionReason, StringComparison.Ordinal);
        Assert.Contains(bureau.Changes, change => change.StartsWith("International rating: B → E", StringComparison.Ordinal));
        Assert.Contains("Recommended credit", string.Join(";", bureau.Changes), StringComparison.Ordinal);
        Assert.NotNull(bureau.NextOrder);
        Assert.True(bureau.NextOrder!.WasRefused);
        Assert.Contains("rates the customer E", bureau.NextOrder.Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 11 §2: the bureau's cut of the recommended credit (to a fifth of the limit) is a cut larger than the policy's
    /// step, so the rescoring the report triggers holds the limit and puts a limit review in front of Finance.
    /// </summary>
    [Fact]
    public void MonitoredCustomer_WhoseRecommendedCreditTheBureauCuts_KeepsItsLimit_AndFinanceGetsALimitReview()
    {
        var bureau = Assert.Single(demo.Run.Story.OfType<BureauMonitoringOutcome>());
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(CreditApprovalRequest.Fields.RequestedLimit, CreditApprovalRequest.Fields.CreditLimit, CreditApprovalRequest.Fields.ApprovalStatus, CreditApprovalRequest.Fields.DecisionReason),
        };
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.AccountId, ConditionOperator.Equal, bureau.AccountId);
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.RequestType, ConditionOperator.Equal, (int)CreditApprovalRequestType.LimitReview);
        var account = Service.Retrieve(Account.EntityLogicalName, bureau.AccountId, new ColumnSet(Account.Fields.CreditLimit));

        var review = Assert.Single(Service.RetrieveMultiple(query).Entities);
        var limit = account.GetAttributeValue<Money>(Account.Fields.CreditLimit).Value;
        Assert.Equal((int)CreditApprovalStatus.Pending, review.GetAttributeValue<OptionSetValue>(CreditApprovalRequest.Fields.ApprovalStatus).Value);
        Assert.InRange(review.GetAttributeValue<Money>(CreditApprovalRequest.Fields.RequestedLimit).Value, 0m, limit * 0.2m);
        Assert.Equal(limit, review.GetAttributeValue<Money>(CreditApprovalRequest.Fields.CreditLimit).Value);
        Assert.Contains("at once needs Finance", review.GetAttributeValue<string>(CreditApprovalRequest.Fields.DecisionReason), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_TellsTheStoryAndPrintsThePictureAndKpis()
    {
        Assert.Contains("Credit check: APPROVED", demo.Output, StringComparison.Ordinal);
        Assert.Contains("ON CREDIT HOLD (OverCreditLimit)", demo.Output, StringComparison.Ordinal);
        Assert.Contains("Credit picture", demo.Output, StringComparison.Ordinal);
        Assert.Contains("Credit utilization rate:", demo.Output, StringComparison.Ordinal);
        Assert.Contains("DSO:", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DayOfOrders_SavesApprovedHeldAwaitingPrepaymentAndRefusedOrders_EachWithItsCreditStatus()
    {
        var intake = demo.Run.Intake!;
        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrder.Fields.CreditStatus) };
        query.Criteria.AddCondition(SalesOrder.Fields.Name, ConditionOperator.Equal, "Order intake");

        var saved = Service.RetrieveMultiple(query).Entities;

        Assert.Equal(intake.Entered, intake.Approved + intake.Held + intake.AwaitingPrepayment + intake.Refused);
        Assert.Equal(intake.Entered, saved.Count);
        Assert.Equal(intake.Held, saved.Count(o => o.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value == (int)SalesOrderCreditStatus.OnHold));
        Assert.Equal(intake.AwaitingPrepayment, saved.Count(o => o.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value == (int)SalesOrderCreditStatus.AwaitingPrepayment));
        Assert.Contains(intake.AwaitingPrepayment + " awaiting prepayment (no Finance request)", demo.Output, StringComparison.Ordinal);
        Assert.Equal(intake.Refused, saved.Count(o => o.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value == (int)SalesOrderCreditStatus.Refused));
        Assert.True(intake.Approved > 0);
    }

    private Entity Order(Guid id) =>
        Service.Retrieve(SalesOrder.EntityLogicalName, id, new ColumnSet(SalesOrder.Fields.CreditStatus, SalesOrder.Fields.HoldReasonCode, SalesOrder.Fields.CustomerId));

    private IReadOnlyList<Entity> Requests(Guid orderId)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(CreditApprovalRequest.Fields.QueueId, CreditApprovalRequest.Fields.OrderAmount, CreditApprovalRequest.Fields.ApprovalStatus,
                CreditApprovalRequest.Fields.DecidedBy, CreditApprovalRequest.Fields.DecisionComment),
        };
        query.Criteria.AddCondition(CreditApprovalRequest.Fields.SalesOrderId, ConditionOperator.Equal, orderId);
        return Service.RetrieveMultiple(query).Entities.ToList();
    }
}
