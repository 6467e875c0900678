extern alias plugins;

using System.Xml.Linq;
using CreditOS.Browser.Tests.CreditPanel;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Solution.Files;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.Forms;

/// <summary>
/// Session 33: where people see an invoice flagged "ERP re-sync needed" (cos_erpresyncreason: its ERP messages were applied
/// out of order, so its figures may be an older version's). Fiona (Finance approver) opens a flagged invoice: the receivable
/// form says so at the top with the finding, and shows the flag read-only; an unflagged invoice shows no notice. The view
/// "Invoices needing ERP re-sync", run as Fiona, lists the flagged invoices only, a paid one included. Sam's credit panel
/// counts the customer's invoices awaiting a re-sync and marks the open one, in the panel's usual requests.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErpResyncSurfacesTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string ResyncNotice = "creditOS.Receivable.erpResync";
    private const string ResyncView = "src/Entities/cos_receivable/SavedQueries/{08d36858-0562-4ef4-a283-d8c490e02fe4}.xml";

    /// <summary>As the amendment writes it (session 32, soak seed 1's finding).</summary>
    private const string Finding = "Message s1-inv-6 was first stored as version 4 of 127.0.0.1/creditos.erp.receivables, but invoice INV-D05 was written from its copy numbered 8 as the newest version (amount 3500.00; the invoice holds amount 3500.00, open 2500.00). Message s1-inv-4 (version 7, amount 3797.00, open 3797.00) was stored between the two, so by the ERP's order it is the newer version and the invoice's figures may be an older version's. Nothing of message s1-inv-6 was applied. Have the ERP send the invoice's current state again, check the figures, then clear this.";

    private CrmInTheBrowser _crm = null!;
    private CustomerWithACreditPicture _customer = null!;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        _customer = CustomerWithACreditPicture.CreateIn(_crm);
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Fiona_SeesAFlaggedInvoiceSayItNeedsAnErpResync_WithTheFinding_ReadOnly_AndAnUnflaggedOneSaysNothing()
    {
        var flagged = Flag("INV-D05");
        var unflagged = InvoiceNamed("INV-D75");

        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Receivable.EntityLogicalName, flagged);

        var notice = await form.FormNotificationAsync(ResyncNotice);
        Assert.NotNull(notice);
        Assert.StartsWith("ERP re-sync needed: this invoice's figures may be an older ERP version's. Message s1-inv-6 was first stored as version 4", notice, StringComparison.Ordinal);
        Assert.EndsWith("then clear this.", notice, StringComparison.Ordinal);
        Assert.Equal(Finding, await form.ShownTextAsync(Receivable.Fields.ErpResyncReason));
        Assert.False(await form.IsColumnEditableAsync(Receivable.Fields.ErpResyncReason), "Fiona can type into the ERP re-sync flag; only Clear ERP re-sync clears it.");
        Assert.False(await form.IsColumnEditableAsync(Receivable.Fields.OpenAmount), "The invoice's figures are the ERP's; the form must not offer them for editing.");
        await Screenshots.SaveIfRequestedAsync(form.Page, "receivable-erp-resync.png");
        await form.AssertNoStandInFailuresAsync();

        var plain = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Receivable.EntityLogicalName, unflagged);
        Assert.Null(await plain.FormNotificationAsync(ResyncNotice));
        await plain.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task ClearErpResync_RefusesSam_AndFionaBeforeTheErpResentTheInvoice_ThenClearsForFiona_WhoAndWhenRecorded()
    {
        var invoice = Flag("INV-D05");

        var samsForm = await _crm.OpenFormAsync(FixedIds.SalesRep, Receivable.EntityLogicalName, invoice);
        Assert.True(await samsForm.IsCommandEnabledAsync("Clear ERP re-sync"));
        await samsForm.RunCommandAsync("Clear ERP re-sync");
        Assert.Contains("Only credit managers and collectors", Assert.Single(await samsForm.DialogsAsync()).Text, StringComparison.Ordinal);
        await samsForm.AssertNoStandInFailuresAsync();

        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Receivable.EntityLogicalName, invoice);
        await form.RunCommandAsync("Clear ERP re-sync");
        Assert.Contains("is still written from message s1-inv-6, whose copy arriving out of order flagged it", Assert.Single(await form.DialogsAsync()).Text, StringComparison.Ordinal);
        Assert.Equal(Finding, Row(invoice).GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));

        // The ERP re-sent the invoice (message s1-inv-9, applied by the worker): now Fiona clears it, and the form's notice goes.
        Flag("INV-D05", writtenFrom: "s1-inv-9");
        var after = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Receivable.EntityLogicalName, invoice);
        Assert.NotNull(await after.FormNotificationAsync(ResyncNotice));
        await after.RunCommandAsync("Clear ERP re-sync");

        Assert.Empty(await after.DialogsAsync());
        var row = Row(invoice);
        Assert.Null(row.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));
        Assert.Equal(FixedIds.FinanceApprover, row.GetAttributeValue<EntityReference>(Receivable.Fields.ErpResyncClearedBy).Id);
        Assert.Equal(_crm.Environment.Clock.GetUtcNow().UtcDateTime, row.GetAttributeValue<DateTime>(Receivable.Fields.ErpResyncClearedOn));
        // The command reloaded the form's data: the notice followed the flag. Opened again, the command is off.
        Assert.Null(await after.FormNotificationAsync(ResyncNotice));
        await after.AssertNoStandInFailuresAsync();
        var reopened = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Receivable.EntityLogicalName, invoice);
        Assert.False(await reopened.IsCommandEnabledAsync("Clear ERP re-sync"));
        Assert.Null(await reopened.FormNotificationAsync(ResyncNotice));
        await reopened.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public void TheView_InvoicesNeedingErpResync_ListsTheFlaggedInvoicesOnly_APaidOneIncluded_AsFionaReadsThem()
    {
        Flag("INV-D05");
        Flag("INV-PAID-03");

        var rows = _crm.Environment.As(FixedIds.FinanceApprover).RetrieveMultiple(new FetchExpression(ViewFetchXml())).Entities;

        // Largest open amount first: INV-D05 (2,500.00 open), then the paid INV-PAID-03.
        Assert.Equal(["INV-D05", "INV-PAID-03"], rows.Select(row => row.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber)));
        Assert.All(rows, row => Assert.Equal(Finding, row.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason)));
    }

    [Fact]
    public async Task Sam_SeesOnTheCreditPanel_HowManyOfTheCustomersInvoicesAwaitAnErpResync_AndWhichOpenItem()
    {
        Flag("INV-D05");
        Flag("INV-PAID-03");
        _crm.Host.ForgetCalls();

        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _customer.AccountId);
        var panel = await PanelFrame.WaitForAsync(form, CreditPanelTests.PanelControl);

        var tag = panel.Frame.Locator("#erp-resync");
        Assert.Equal("2", await tag.GetAttributeAsync("data-count"));
        Assert.Equal("2 invoices need an ERP re-sync", (await tag.TextContentAsync())?.Trim());
        Assert.Equal("true", await panel.Frame.Locator("#items-list tr[data-invoice='INV-D05']").GetAttributeAsync("data-resync"));
        Assert.Equal("false", await panel.Frame.Locator("#items-list tr[data-invoice='INV-D75']").GetAttributeAsync("data-resync"));
        // The paid invoice is counted but is no open item: the aging and the drill-down are unchanged.
        Assert.Equal(CustomerWithACreditPicture.OpenItems.Length, await panel.Frame.Locator("#items-list tbody tr").CountAsync());
        Assert.Equal(CreditPanelTests.PanelRequests, await panel.Frame.EvaluateAsync<int>("creditOS.CreditPanel.requestCount()"));
        await Screenshots.SaveIfRequestedAsync(form.Page, "credit-panel-erp-resync.png");
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task Sam_SeesNoResyncTag_WhenNoInvoiceOfTheCustomerIsFlagged()
    {
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _customer.AccountId);
        var panel = await PanelFrame.WaitForAsync(form, CreditPanelTests.PanelControl);

        Assert.Equal(0, await panel.Frame.Locator("#erp-resync").CountAsync());
        await form.AssertNoStandInFailuresAsync();
    }

    /// <summary>
    /// Flags the invoice as the amendment does (SYSTEM; ErpResyncFlagGuard refuses every person), the invoice written from
    /// <paramref name="writtenFrom"/>: the flagged message s1-inv-6 until the ERP re-sends it, then its re-sync's.
    /// </summary>
    private Guid Flag(string invoiceNumber, string writtenFrom = "s1-inv-6")
    {
        var id = InvoiceNamed(invoiceNumber);
        _crm.System.Update(new Entity(Receivable.EntityLogicalName, id)
        {
            [Receivable.Fields.ErpResyncReason] = Finding,
            [Receivable.Fields.SourceMessageId] = writtenFrom,
        });
        return id;
    }

    private Entity Row(Guid invoice) => _crm.System.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(
        Receivable.Fields.ErpResyncReason, Receivable.Fields.ErpResyncClearedBy, Receivable.Fields.ErpResyncClearedOn));

    private Guid InvoiceNamed(string invoiceNumber)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Receivable.Fields.InvoiceNumber, ConditionOperator.Equal, invoiceNumber);
        return _crm.System.RetrieveMultiple(query).Entities.Single().Id;
    }

    private static string ViewFetchXml()
    {
        using var stream = new EmbeddedSolutionFileSource().Open(ResyncView);
        return XDocument.Load(stream).Descendants("fetch").Single().ToString();
    }
}
