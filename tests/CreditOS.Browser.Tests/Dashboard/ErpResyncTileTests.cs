extern alias plugins;

using CreditOS.Browser.Tests.CreditPanel;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.Dashboard;

/// <summary>
/// Session 34: the "Credit management" dashboard's tile "Invoices needing ERP re-sync" (cos_/credit/erp_resync.html) as Fiona
/// (Finance approver) opens it: how many invoices await an ERP re-sync and of how many customers, counted from the flags as she
/// reads them (one aggregate FetchXML, a paid invoice included as the view lists it), and a link to the view.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErpResyncTileTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private CrmInTheBrowser _crm = null!;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        CustomerWithACreditPicture.CreateIn(_crm);
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Fiona_SeesHowManyInvoicesOfHowManyCustomersAwaitAnErpResync_AndOpensTheView()
    {
        Flag("INV-D05");
        Flag("INV-PAID-03");

        var page = await _crm.OpenDashboardAsync(FixedIds.FinanceApprover, CreditManagementDashboardTests.CreditManagement);
        var tile = page.FrameLocator("iframe#WebResource_erpresync");
        await tile.Locator("body[data-state='ready']").WaitForAsync();

        var count = tile.Locator("#erp-resync-count");
        Assert.Equal("2", await count.GetAttributeAsync("data-invoices"));
        Assert.Equal("1", await count.GetAttributeAsync("data-customers"));
        Assert.Equal("2", await count.TextContentAsync());
        Assert.StartsWith("2 invoices of 1 customer await an ERP re-sync", await tile.Locator("#status").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await tile.Locator("body").EvaluateAsync<int>("() => creditOS.ErpResyncTile.requestCount()"));

        await tile.Locator("#erp-resync-view").FocusAsync();
        await tile.Locator("#erp-resync-view").PressAsync("Enter");
        await tile.Locator("body[data-navigated='erp-resync-view']").WaitForAsync();
        var navigation = await page.EvaluateAsync<string>("(function () { var n = XrmStandIn.state.navigations[0]; return n.pageType + '|' + n.entityName + '|' + n.viewId + '|' + n.viewType; })()");
        Assert.Equal("entitylist|cos_receivable|08d36858-0562-4ef4-a283-d8c490e02fe4|savedquery", navigation);
        Assert.Empty(await page.EvaluateAsync<string[]>("XrmStandIn.state.failures"));
        await Screenshots.SaveIfRequestedAsync(page, "credit-management-dashboard-erp-resync.png");
    }

    [Fact]
    public async Task WithNothingFlagged_TheTileSaysSo()
    {
        var page = await _crm.OpenDashboardAsync(FixedIds.FinanceApprover, CreditManagementDashboardTests.CreditManagement);
        var tile = page.FrameLocator("iframe#WebResource_erpresync");
        await tile.Locator("body[data-state='ready']").WaitForAsync();

        Assert.Equal("0", await tile.Locator("#erp-resync-count").GetAttributeAsync("data-invoices"));
        Assert.Equal("No invoice awaits an ERP re-sync.", await tile.Locator("#status").TextContentAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>("XrmStandIn.state.failures"));
    }

    /// <summary>Flags the invoice as the amendment does (SYSTEM; ErpResyncFlagGuard refuses every person).</summary>
    private void Flag(string invoiceNumber)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Receivable.Fields.InvoiceNumber, ConditionOperator.Equal, invoiceNumber);
        var id = _crm.System.RetrieveMultiple(query).Entities.Single().Id;
        _crm.System.Update(new Entity(Receivable.EntityLogicalName, id)
        {
            [Receivable.Fields.ErpResyncReason] = "Message m-a was first stored as version 4; the invoice's figures may be an older version's.",
        });
    }
}
