extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using DisputePlugin = plugins::CreditOS.Plugins.DisputeInvoicePlugin;
using Materiality = plugins::CreditOS.CreditEngine.Scoring.ScoreMateriality;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using ReceivableChangePlugin = plugins::CreditOS.Plugins.ReceivableChangePlugin;
using RescorePlugin = plugins::CreditOS.Plugins.RescoreAccountPlugin;
using RuleRecords = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;
using ScoreHistory = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;

namespace CreditOS.Plugins.Tests.Disputes;

/// <summary>
/// A collector (Finance approver role) marks an open invoice disputed through cos_DisputeInvoice, through the local
/// Dataverse with every creditOS plugin: the reason, who and when are recorded, the invoice is flagged disputed (out of
/// dunning) and the customer's Risk score counts it; nobody else records or rewrites a dispute.
/// </summary>
public sealed class InvoiceDisputeTests : IDisposable
{
    private static readonly Guid OpenInvoice = new("e3000000-0000-4000-8000-000000000001");
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000000d1");

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void ACollectorDisputesAnOpenInvoice_WithAReason_WhoAndWhenAreRecorded_AndTheRiskScoreCountsIt()
    {
        var riskBefore = ACustomerWithAnOpenInvoice();

        Dispute(FixedIds.FinanceApprover, "Goods arrived damaged; credit note requested");

        var invoice = world.Service.Retrieve(Receivable.EntityLogicalName, OpenInvoice, new ColumnSet(true));
        Assert.True(invoice.GetAttributeValue<bool>(Receivable.Fields.IsDisputed));
        Assert.Equal("Goods arrived damaged; credit note requested", invoice.GetAttributeValue<string>(Receivable.Fields.DisputeReason));
        Assert.Equal(FixedIds.FinanceApprover, invoice.GetAttributeValue<EntityReference>(Receivable.Fields.DisputedBy).Id);
        Assert.Equal(world.Context.Clock.GetUtcNow().UtcDateTime, invoice.GetAttributeValue<DateTime>(Receivable.Fields.DisputedOn));
        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<decimal>(Account.Fields.RiskScore) > riskBefore, "the dispute did not raise the Risk score");
        Assert.Contains("disputed", account.GetAttributeValue<string>(Account.Fields.TopReasons), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Session 23: one dispute moves this on-time customer's Risk score by about half a point (1 of 12 invoices in 12
    /// months disputed, weight 2 of 85), below the shipped material change of one point. Before, the dispute's only
    /// rescoring was the receivable step's, which kept a score that moved by less than that: when the stored score was
    /// fresh (as here: written with every change counting), the account showed the score and reasons from before the
    /// dispute. The first test passed only because its stored score was older than its open invoice.
    /// </summary>
    [Fact]
    public void ADisputeMovingTheScoreByLessThanTheMaterialChange_StillRaisesTheStoredRiskScore_AndNamesTheDispute()
    {
        // The rescoring plugins without the configuration controls, so that the material change can be set to 0 while
        // the customer is built (its stored score then fresh) and back to the shipped point for the dispute.
        using var plain = CreditWorld.WithPlugins(typeof(DisputePlugin), typeof(ReceivableChangePlugin), typeof(RescorePlugin));
        foreach (var row in RuleRecords.SeedScoringRows(Defaults.Create(), RuleSetId, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            plain.Service.Create(row);
        }

        SetMaterialScoreChange(plain, 0m);
        var riskBefore = ACustomerWithAnOpenInvoice(plain);
        SetMaterialScoreChange(plain, Materiality.DefaultThreshold);
        var historyBefore = plain.Dataverse.Count(ScoreHistory.EntityLogicalName);

        Dispute(plain, FixedIds.FinanceApprover, "Quantity short by two pallets");

        var account = plain.Account(CreditTestIds.Customer);
        var riskAfter = account.GetAttributeValue<decimal>(Account.Fields.RiskScore);
        Assert.True(riskAfter > riskBefore, "Risk " + riskBefore + " before the dispute, " + riskAfter + " after");
        Assert.True(riskAfter - riskBefore < Materiality.DefaultThreshold, "the dispute moved Risk by " + (riskAfter - riskBefore) + ", not a case below the material change");
        Assert.Contains("1 of 12 invoices in the last 12 months were disputed", account.GetAttributeValue<string>(Account.Fields.TopReasons), StringComparison.Ordinal);
        Assert.Equal(historyBefore + 1, plain.Dataverse.Count(ScoreHistory.EntityLogicalName));
    }

    [Fact]
    public void ASalesRep_CannotDisputeAnInvoice()
    {
        ACustomerWithAnOpenInvoice();

        var refusal = Refused(() => Dispute(FixedIds.SalesRep, "The customer says so"));

        Assert.Contains("Only credit managers and collectors", refusal, StringComparison.Ordinal);
        Assert.False(world.Service.Retrieve(Receivable.EntityLogicalName, OpenInvoice, new ColumnSet(Receivable.Fields.IsDisputed)).GetAttributeValue<bool>(Receivable.Fields.IsDisputed));
    }

    [Fact]
    public void ADispute_NeedsAReason_AndAPaidOrAlreadyDisputedInvoiceIsRefused()
    {
        ACustomerWithAnOpenInvoice();

        Assert.Contains("needs the customer's reason", Refused(() => Dispute(FixedIds.FinanceApprover, "  ")), StringComparison.Ordinal);
        Dispute(FixedIds.FinanceApprover, "Price differs from the contract");
        Assert.Contains("is already disputed (Price differs from the contract)", Refused(() => Dispute(FixedIds.FinanceApprover, "Again")), StringComparison.Ordinal);
        Assert.Contains("was paid on", Refused(() => Dispute(FixedIds.FinanceApprover, "Late claim", world.Service.RetrieveMultiple(Settled()).Entities[0].Id)), StringComparison.Ordinal);
    }

    [Fact]
    public void WhoDisputedAnInvoice_CannotBeWrittenDirectly_EvenByAnAdministrator()
    {
        ACustomerWithAnOpenInvoice();

        var forged = new Entity(Receivable.EntityLogicalName, OpenInvoice)
        {
            [Receivable.Fields.IsDisputed] = true,
            [Receivable.Fields.DisputedBy] = new EntityReference("systemuser", FixedIds.SalesRep),
        };

        Assert.Contains("recorded by the Dispute invoice action", Refused(() => world.Context.As(FixedIds.AdminUser).Update(forged)), StringComparison.Ordinal);
    }

    private static void SetMaterialScoreChange(CreditWorld world, decimal points) =>
        world.Context.As(FixedIds.CreditOfficer).Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { [RuleSet.Fields.MaterialScoreChange] = points });

    private decimal ACustomerWithAnOpenInvoice() => ACustomerWithAnOpenInvoice(world);

    private static decimal ACustomerWithAnOpenInvoice(CreditWorld world)
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().WithId(OpenInvoice).Numbered(900).Of(8_000m).IssuedDaysAgo(10).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        world.Service.Execute(new OrganizationRequest("cos_RescoreAccount") { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
        return world.Account(CreditTestIds.Customer).GetAttributeValue<decimal>(Account.Fields.RiskScore);
    }

    private void Dispute(Guid userId, string reason, Guid? invoiceId = null) => Dispute(world, userId, reason, invoiceId);

    private static void Dispute(CreditWorld world, Guid userId, string reason, Guid? invoiceId = null) =>
        world.Context.As(userId).Execute(new OrganizationRequest("cos_DisputeInvoice")
        {
            ["Target"] = new EntityReference(Receivable.EntityLogicalName, invoiceId ?? OpenInvoice),
            ["Reason"] = reason,
        });

    private static QueryExpression Settled()
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(Receivable.Fields.ReceivableId), TopCount = 1 };
        query.Criteria.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.NotNull);
        return query;
    }
}
