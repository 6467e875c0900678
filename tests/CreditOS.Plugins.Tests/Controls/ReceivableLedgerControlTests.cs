extern alias plugins;

using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using static CreditOS.Testing.ServiceFaults;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 6: the integration worker's identity (creditOS Integration role, Write on every invoice) used beyond its
/// purpose. An invoice's open amount moves only through the ledger: payment posting, or the ERP's restatement of the
/// invoice with its amount. Before, the worker could lower what the ERP counted as paid (<c>cos_erppaidahead</c>, set on
/// create by the rule only): cleared from 600.00, the 600.00 payment the ERP had counted would then take (engine PaidInTheErp.Apply) the invoice from 400.00
/// open to settled and left 200.00 of free unapplied cash, while the ERP still had 400.00 open; raised, it swallowed the next
/// payment without reducing anything. It could also write an open amount or a settlement alone (no amount: the amendment
/// stood aside), taking money out of the customer's exposure that no payment paid; since session 14 an open amount without
/// a payment is the ERP's statement and goes through the ledger's rule, and a settlement alone is refused. Through the local Dataverse with every plug-in, and over
/// the local Web API host with the worker's own token.
/// </summary>
public sealed class ReceivableLedgerControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid worker;
    private readonly Guid invoice;

    public ReceivableLedgerControlTests()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create();

        // The ERP exports INV-00001 of 1,000.00 after applying 600.00 it received: open 400.00, 600.00 paid in the ERP.
        invoice = AnInvoice().Numbered(1).Of(1_000m).WithOpen(400m).SettledDaysAgo(null).Create(world.Context.As(worker));
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorker_CannotMoveTheLedgerByHand_NotThePaidAheadFigureNorTheOpenAmountAloneNorBesideAPaymentsId_ButPostsThePaymentAndRestatesTheInvoice()
    {
        var service = world.Context.As(worker);
        Assert.Equal(600m, Ledger().PaidAhead);

        var cleared = Refused(() => service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.ErpPaidAhead] = new Money(0m) }));
        var raised = Refused(() => service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.ErpPaidAhead] = new Money(1_000m) }));
        // A settlement alone (no amount nor open figure: not the ERP's statement of the invoice, which goes through the rule).
        var settled = Refused(() => service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.SettledOn] = CreditTestIds.Today }));

        // A payment the ERP counted, posted by the worker: it matches the paid-ahead figure, the open amount stays 400.00.
        var payment = APayment().WithErpId("PAY-1").Of(600m).Settling("INV-00001").Create(service);
        Assert.Equal((400m, 0m), (Ledger().Open, Ledger().PaidAhead));

        // That payment's id (unchanged) beside an open amount of zero and the amount re-sent: the amendment and the rescoring
        // step stand aside for a write that names a payment. Dataverse already refused it for want of AppendTo on payments,
        // which the Integration role does not hold; the ledger guard now refuses it first, for anyone.
        var besideAPayment = Refused(() => service.Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.Amount] = new Money(1_000m),
            [Receivable.Fields.OpenAmount] = new Money(0m),
            [Receivable.Fields.LastPaymentId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName, payment),
        }));
        var byAda = Refused(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.ErpPaidAhead] = new Money(400m) }));

        // The worker's own path: the ERP restates the invoice (a credit note of 100.00) with its open figure; the ledger moves it.
        service.Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.Amount] = new Money(900m),
            [Receivable.Fields.OpenAmount] = new Money(300m),
        });

        Assert.Contains("Invoice INV-00001 (amount 1000.00, open 400.00, paid in the ERP not yet posted 600.00) cannot be saved: cos_erppaidahead 600.00 → 0.00.", cleared, StringComparison.Ordinal);
        Assert.Contains("An invoice's open amount moves only through the ledger, whatever your roles", cleared, StringComparison.Ordinal);
        Assert.Contains("cos_erppaidahead 600.00 → 1000.00", raised, StringComparison.Ordinal);
        Assert.Contains("cannot be saved: cos_settledon (none) → ", settled, StringComparison.Ordinal);
        Assert.Contains("(amount 1000.00, open 400.00, paid in the ERP not yet posted 0.00) cannot be saved: cos_openamount 400.00 → 0.00.", besideAPayment, StringComparison.Ordinal);
        Assert.Contains("cos_erppaidahead 0.00 → 400.00", byAda, StringComparison.Ordinal);
        var after = Ledger();
        Assert.Equal((900m, 300m, 0m), (after.Amount, after.Open, after.PaidAhead));
        Assert.Null(after.SettledOn);
    }

    /// <summary>
    /// Defence in depth: naming the settling payment on a new invoice was already refused by privileges (the Integration role
    /// holds no AppendTo on payments); its days late were accepted but are informational (scoring reads the dates).
    /// </summary>
    [Fact]
    public void TheWorker_CannotEnterANewInvoiceAlreadySettledByAPaymentOrWithItsDaysLate_WhichOnlyPaymentPostingRecords()
    {
        var service = world.Context.As(worker);
        var payment = APayment().WithErpId("PAY-1").Of(100m).Settling("INV-00001").Create(service);
        var row = AnInvoice().Numbered(2).Of(2_000m).IssuedDaysAgo(90).SettledDaysAgo(1).Build();
        row[Receivable.Fields.LastPaymentId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName, payment);

        var message = Refused(() => service.Create(row));
        row.Attributes.Remove(Receivable.Fields.LastPaymentId);
        row.Attributes.Remove(Receivable.Fields.DaysLate);
        service.Create(row); // the ERP's settled invoice as the worker sends it

        Assert.Contains("Invoice INV-00002 cannot be saved: cos_lastpaymentid (none) → " + payment.ToString(), message, StringComparison.Ordinal);
        Assert.Contains("cos_dayslate (none) → ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorker_OverTheWebApi_CannotClearWhatTheErpCountedAsPaid_NorSettleTheInvoiceAlone()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, worker);
        var client = people[worker];

        var cleared = await SendAsync(client, HttpMethod.Patch, $"cos_receivables({invoice:D})", new JsonObject { ["cos_erppaidahead"] = 0m });
        var settled = await SendAsync(client, HttpMethod.Patch, $"cos_receivables({invoice:D})", new JsonObject { ["cos_settledon"] = "2026-01-15" });
        var restated = await SendAsync(client, HttpMethod.Patch, $"cos_receivables({invoice:D})", new JsonObject { ["cos_amount"] = 1_000m, ["cos_openamount"] = 400m });

        AssertRefused(cleared, "cannot be saved: cos_erppaidahead 600.00 → 0.00.");
        AssertRefused(settled, "cannot be saved: cos_settledon (none) → 2026-01-15");
        Assert.Equal(HttpStatusCode.NoContent, restated.Status);
        Assert.Equal((400m, 600m), (Ledger().Open, Ledger().PaidAhead));
    }

    private (decimal Amount, decimal Open, decimal PaidAhead, DateTime? SettledOn) Ledger()
    {
        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.Amount, Receivable.Fields.OpenAmount, Receivable.Fields.ErpPaidAhead, Receivable.Fields.SettledOn));
        return (row.GetAttributeValue<Money>(Receivable.Fields.Amount)?.Value ?? 0m, row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount)?.Value ?? 0m,
            row.GetAttributeValue<Money>(Receivable.Fields.ErpPaidAhead)?.Value ?? 0m, row.GetAttributeValue<DateTime?>(Receivable.Fields.SettledOn));
    }
}
