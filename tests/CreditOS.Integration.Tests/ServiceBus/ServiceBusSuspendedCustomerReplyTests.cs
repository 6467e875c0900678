using ChannelReasonText = CreditOS.CreditEngine.Decisions.ChannelReasonText;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Controls round 22 (session 29): what the customer's channel is told about an order refused because the account is
/// suspended. The order's reason (written for the sales rep and Finance) states why: here the bureau's rating and solvency
/// score with their earlier values. Before, the worker replied it to the partner portal (and published it on the
/// order-outcome topic) as it stood; scores never reach customers. Now the channel is told that new orders are suspended
/// (engine <see cref="ChannelReasonText"/>), and the order in Dataverse keeps the full reason. The real worker on the
/// official Service Bus client, the local Service Bus and the local Dataverse's Web API with every plug-in.
/// </summary>
public sealed class ServiceBusSuspendedCustomerReplyTests : ServiceBusStreamTestsBase
{
    private const string BureauReason = "the bureau report of 2026-11-19 rates the customer E with solvency 22 (was B and 72 on 2026-10-01)";

    [Fact]
    public async Task A_suspended_customers_partner_portal_order_is_rejected_without_the_bureaus_rating_or_score_which_the_order_keeps()
    {
        var sap = MixedStream.SeedAccounts(Local)[0]; // C-1001
        Local.Service.Update(new Entity(LocalDataverseOverHttp.AccountTable, sap) { ["cos_issuspended"] = true, ["cos_suspensionreason"] = BureauReason });
        var order = LocalServiceBusForWorker.TextMessage("o-pp-s1", "partnerportal.order", Payloads.PartnerOrder("PP-S1", "C-1001", 100m), LocalBroker.PartnerPortalReplies);

        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(Local.Server.BaseUri, Bus));
        worker.StartServiceBus(QueueKind.OrderIntake);
        await Bus.SendAsync(LocalBroker.OrderIntakeQueue, [order]);
        await Eventually.TrueAsync(
            () => Bus.Server.CountOf(LocalBroker.PartnerPortalReplies) == 1 && Bus.Server.CountOf(LocalBroker.OrderIntakeQueue) == 0,
            TimeSpan.FromSeconds(90),
            "the order settled and the partner portal answered");
        await worker.StopAsync();

        var reply = OrderOutcome.FromJson(Assert.Single(await Bus.DrainAsync(LocalBroker.PartnerPortalReplies)).Body.ToArray())!;
        Assert.Equal(OrderDecision.Rejected, reply.Decision);
        Assert.False(
            reply.Reason!.Contains("solvency", StringComparison.OrdinalIgnoreCase) || reply.Reason.Contains("rates the customer", StringComparison.Ordinal),
            "the partner portal was told the bureau's rating and score: " + reply.Reason);
        Assert.Equal(ChannelReasonText.Suspended, reply.Reason);

        var kept = Assert.Single(Local.Rows(LocalDataverseOverHttp.SalesOrderTable, "cos_holdreason", "cos_holdreasoncode"));
        Assert.Contains(BureauReason, kept.GetAttributeValue<string>("cos_holdreason"), StringComparison.Ordinal);
        Assert.Contains("AccountSuspended", kept.GetAttributeValue<string>("cos_holdreasoncode"), StringComparison.Ordinal);
    }
}
