using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Session 17 (found by the faulty-stream soak, seed 1): a payment whose invoice is written by the receivables queue between
/// the posting's refusal ("names invoice(s) … that are not open receivables of this account") and the worker's read of the
/// named invoices. The read finds the invoice, so the worker took the refusal for a lasting one and dead-lettered a valid
/// payment as DataverseRejected; the ERP's later redelivery with another amount was then posted as if new. The worker now
/// knows the refusal by its SubErrorCode and abandons the payment, which the next delivery posts.
/// </summary>
public sealed class PaymentRacingItsInvoiceTests : IAsyncLifetime
{
    private const string Invoice = "1000-2026-9170000001";
    private LocalDataverseOverHttp _local = null!;
    private WorkerUnderTest _worker = null!;
    private Guid _account;
    private int _armed;

    public async Task InitializeAsync()
    {
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = WriteTheInvoiceDuringTheReadBack, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
        CreditPlugins.Register(_local.Dataverse);
        _account = _local.AddAccount("C-A");
        _worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _local.DisposeAsync();
    }

    [Fact]
    public async Task APaymentWhoseInvoiceArrivesBetweenTheRefusalAndTheReadBack_IsAbandoned_ThenPostedOnce()
    {
        Interlocked.Exchange(ref _armed, 1);
        var first = (await _worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("9170000011", "C-A", 300m, invoice: Invoice)))).Single();

        Assert.Equal(0, Volatile.Read(ref _armed)); // the invoice was written during the read-back, after the refusal
        Assert.Equal(SettleKind.Abandon, first.Kind);
        Assert.Contains($"naming invoice(s) {Invoice} that customer C-A did not have, and they are in Dataverse now", first.Reason, StringComparison.Ordinal);

        var second = (await _worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice("9170000011", "C-A", 300m, invoice: Invoice)))).Single();
        Assert.Equal(SettleKind.Complete, second.Kind);
        var open = _local.Service.RetrieveMultiple(new QueryExpression(LocalDataverseOverHttp.ReceivableTable)
        {
            ColumnSet = new ColumnSet("cos_openamount"),
            Criteria = { Conditions = { new ConditionExpression("cos_erpid", ConditionOperator.Equal, Invoice) } },
        }).Entities.Single().GetAttributeValue<Money>("cos_openamount").Value;
        Assert.Equal(700m, open);
    }

    /// <summary>The worker's read of the named invoices (GET cos_receivables?$filter=…), once: the invoice is written just before it is answered.</summary>
    private WebApiResult? WriteTheInvoiceDuringTheReadBack(WebApiRequest request)
    {
        if (request.Method == "GET" && request.Path == "cos_receivables" && request.PathAndQuery.Contains("9170000001", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            CreditPlugins.AddOpenInvoice(_local.Service, _account, _local.Euro, Invoice, 1_000m);
        }

        return null;
    }
}
