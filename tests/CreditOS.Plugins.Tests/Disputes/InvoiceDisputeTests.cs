extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Disputes;

/// <summary>
/// A collector (Finance approver role) marks an open invoice disputed through cos_DisputeInvoice, through the local
/// Dataverse with every creditOS plugin: the reason, who and when are recorded, the invoice is flagged disputed (out of
/// dunning) and the customer's Risk score counts it; nobody else records or rewrites a dispute.
/// </summary>
public sealed class InvoiceDisputeTests : IDisposable
{
    private static readonly Guid OpenInvoice = new("e3000000-0000-4000-8000-000000000001");

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

    private decimal ACustomerWithAnOpenInvoice()
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

    private void Dispute(Guid userId, string reason, Guid? invoiceId = null) =>
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

    private static string Refused(Action action) => Assert.Throws<FaultException<OrganizationServiceFault>>(action).Detail.Message;
}
