extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.CreditPanel;
using CreditOS.Browser.Tests.Harness;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using RescoreAccountApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Rule = plugins::CreditOS.Dataverse.Model.CollectorAssignmentRule;

namespace CreditOS.Browser.Tests.Collections;

/// <summary>
/// The collections worklist page (cos_/collections/worklist.html) as Colin, who holds only the Collector role, opens it
/// from the app: his customer's open invoices ranked by expected late amount with the daily batch's figures, read in two
/// requests, and a promise recorded from a line.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectionsWorklistPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Page = "cos_/collections/worklist.html";
    private CrmInTheBrowser _crm = null!;
    private CustomerWithACreditPicture _customer = null!;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        _customer = CustomerWithACreditPicture.CreateIn(_crm);
        _crm.System.Create(new Entity(Rule.EntityLogicalName)
        {
            [Rule.Fields.Name] = "Everyone",
            [Rule.Fields.Priority] = 1,
            [Rule.Fields.CollectorId] = new EntityReference("systemuser", CrmInTheBrowser.CollectorId),
        });
        // The worker's daily batch for the customer: assigns Colin by the rule and writes the worklist figures.
        _crm.System.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, _customer.AccountId),
            [RescoreAccountApi.Request.Trigger] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.ScoreTrigger.Scheduled),
        });
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task TheCollector_SeesHisInvoicesRankedByExpectedLateAmount_WithTheFigures_InTwoRequests()
    {
        _crm.Host.ForgetCalls();
        var shell = await _crm.OpenPageAsync(CrmInTheBrowser.CollectorId, Page);
        var frame = await ReadyFrameAsync(shell);
        var expected = Receivables().OrderByDescending(r => r.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount)).ToList();

        var invoices = await frame.Locator("#worklist tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-invoice'))");
        var first = frame.Locator("#worklist tbody tr").First.Locator("td");

        Assert.Equal(CustomerWithACreditPicture.OpenItems.Length, invoices.Length);
        Assert.Equal(expected.Select(r => r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber)).ToArray(), invoices);
        Assert.Equal("Fabrikam Tools", await first.Nth(2).TextContentAsync());
        Assert.Equal(expected[0].GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount).ToString("N2", CultureInfo.GetCultureInfo("en-US")), await first.Nth(8).TextContentAsync());
        Assert.Equal(expected[0].GetAttributeValue<string>(Receivable.Fields.CollectionReason), await first.Nth(11).TextContentAsync());
        Assert.Equal(2, _crm.Host.Calls.Count(c => c.Method == "GET"));
        await shell.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task TheCollector_RecordsAPromiseFromALine_AndTheAccountCountsIt()
    {
        var shell = await _crm.OpenPageAsync(CrmInTheBrowser.CollectorId, Page);
        var frame = await ReadyFrameAsync(shell);
        var line = frame.Locator("#worklist tbody tr").First;
        var invoice = await line.GetAttributeAsync("data-invoice");

        await line.Locator("button").ClickAsync();
        await frame.Locator("#promise-date").FillAsync(_crm.Environment.Clock.GetUtcNow().UtcDateTime.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await frame.Locator("#promise button[type=submit]").ClickAsync();
        await shell.WaitUntilAsync("(function () { var f = document.getElementById('WebResource_page'); return ['promise-recorded', 'promise-refused'].indexOf(f.contentDocument.body.getAttribute('data-state')) >= 0; })()");

        Assert.True("promise-recorded" == await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')"), await frame.Locator("#status").TextContentAsync());
        var promises = new QueryExpression(PromiseToPay.EntityLogicalName) { ColumnSet = new ColumnSet(true) };
        promises.Criteria.AddCondition(PromiseToPay.Fields.OwnerId, ConditionOperator.Equal, CrmInTheBrowser.CollectorId);
        var promise = Assert.Single(_crm.System.RetrieveMultiple(promises).Entities);
        Assert.Equal(_customer.AccountId, promise.GetAttributeValue<EntityReference>(PromiseToPay.Fields.AccountId).Id);
        Assert.Equal(invoice, promise.GetAttributeValue<string>(PromiseToPay.Fields.CoveredInvoices));
        Assert.Equal(CrmInTheBrowser.CollectorId, promise.GetAttributeValue<EntityReference>(PromiseToPay.Fields.OwnerId)?.Id);
        // The customer's picture already holds one open promise (Sam's, due in 10 days); Colin's is the second.
        Assert.Equal(2, _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.OpenPromiseCount)).GetAttributeValue<int?>(Account.Fields.OpenPromiseCount));
        await shell.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task AnInvoiceAwaitingAnErpResync_IsBadgedAndNotChased_TheSummaryCountsItAndOpensTheView_AmountsCarryTheirCurrency()
    {
        // Session 34: INV-D75 (75 days overdue: a call) is flagged as the amendment flags it (SYSTEM), then the daily batch runs.
        var flagged = InvoiceNamed("INV-D75");
        _crm.System.Update(new Entity(Receivable.EntityLogicalName, flagged)
        {
            [Receivable.Fields.ErpResyncReason] = "Message m-a was first stored as version 4; the invoice's figures may be an older version's.",
        });
        _crm.System.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, _customer.AccountId),
            [RescoreAccountApi.Request.Trigger] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.ScoreTrigger.Scheduled),
        });
        var currency = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet("isocurrencycode"), TopCount = 1 }).Entities[0].GetAttributeValue<string>("isocurrencycode");
        _crm.Host.ForgetCalls();

        var shell = await _crm.OpenPageAsync(CrmInTheBrowser.CollectorId, Page);
        var frame = await ReadyFrameAsync(shell);

        var line = frame.Locator("#worklist tbody tr[data-invoice='INV-D75']");
        var cells = line.Locator("td");
        Assert.Equal("true", await line.GetAttributeAsync("data-resync"));
        Assert.Equal("ERP re-sync", await line.Locator(".cos-badge").TextContentAsync());
        Assert.Equal("ERP re-sync first", await cells.Nth(9).TextContentAsync());
        Assert.Equal(currency + " 900.00", await cells.Nth(5).TextContentAsync());
        Assert.Equal(CustomerWithACreditPicture.OpenItems.Length - 1, await frame.Locator("#worklist tbody tr[data-resync='false']").CountAsync());
        Assert.Equal(0, await frame.Locator("#worklist tbody tr[data-resync='false'] .cos-badge").CountAsync());
        Assert.Equal("Record a promise to pay for INV-D75 (Fabrikam Tools)", await line.Locator("button").GetAttributeAsync("aria-label"));

        var summary = frame.Locator("#erp-resync");
        Assert.Equal("1", await summary.GetAttributeAsync("data-count"));
        Assert.StartsWith("Awaiting ERP re-sync: 1 (" + currency + " 900.00, not to be chased yet)", await summary.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, _crm.Host.Calls.Count(c => c.Method == "GET"));

        // The link is reachable by keyboard and opens the view "Invoices needing ERP re-sync".
        await frame.Locator("#erp-resync-view").FocusAsync();
        await frame.Locator("#erp-resync-view").PressAsync("Enter");
        await shell.WaitUntilAsync("XrmStandIn.state.navigations.length > 0");
        var navigation = await shell.Page.EvaluateAsync<string>("(function () { var n = XrmStandIn.state.navigations[0]; return n.pageType + '|' + n.entityName + '|' + n.viewId + '|' + n.viewType; })()");
        Assert.Equal("entitylist|cos_receivable|08d36858-0562-4ef4-a283-d8c490e02fe4|savedquery", navigation);
        await Screenshots.SaveIfRequestedAsync(shell.Page, "collections-worklist-erp-resync.png");
        await shell.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task AnInvoiceInAnotherCurrencyThanItsCustomer_ShowsItsOwnCurrency_AndTheTotalsStayPerCurrency()
    {
        // Session 35: the customer's currency is the organization's first (USD); INV-D75 (open 900.00) was issued in EUR. The
        // worklist expands each invoice's own currency (TransactionCurrencyId, the solution-declared lookup's navigation property).
        var customerCurrency = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.TransactionCurrencyId)).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id;
        var currencies = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet("isocurrencycode") }).Entities;
        var customerCode = currencies.Single(c => c.Id == customerCurrency).GetAttributeValue<string>("isocurrencycode");
        var euro = currencies.Single(c => c.GetAttributeValue<string>("isocurrencycode") == "EUR");
        Assert.NotEqual("EUR", customerCode);
        _crm.System.Update(new Entity(Receivable.EntityLogicalName, InvoiceNamed("INV-D75"))
        {
            [Receivable.Fields.TransactionCurrencyId] = euro.ToEntityReference(),
        });
        var othersOpen = Receivables().Where(r => r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) != "INV-D75").Sum(r => r.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        _crm.Host.ForgetCalls();

        var shell = await _crm.OpenPageAsync(CrmInTheBrowser.CollectorId, Page);
        var frame = await ReadyFrameAsync(shell);

        var cells = frame.Locator("#worklist tbody tr[data-invoice='INV-D75'] td");
        Assert.Equal("EUR 900.00", await cells.Nth(5).TextContentAsync());
        var other = frame.Locator("#worklist tbody tr:not([data-invoice='INV-D75'])").First.Locator("td");
        Assert.StartsWith(customerCode + " ", await other.Nth(5).TextContentAsync(), StringComparison.Ordinal);
        var open = await frame.Locator("#summary div").Nth(1).TextContentAsync();
        Assert.Contains(customerCode + " " + othersOpen.ToString("N2", CultureInfo.GetCultureInfo("en-US")), open, StringComparison.Ordinal);
        Assert.Contains(" + EUR 900.00", open, StringComparison.Ordinal);
        Assert.Equal(2, _crm.Host.Calls.Count(c => c.Method == "GET"));
        Assert.Contains(_crm.Host.Calls, c => c.Method == "GET" && c.Target.Contains("$expand=TransactionCurrencyId($select=isocurrencycode", StringComparison.Ordinal));
        await Screenshots.SaveIfRequestedAsync(shell.Page, "collections-worklist-currencies.png");
        await shell.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task TheExpectedLateAmount_IsSummedAsAmountDaysPerCurrency_NotShownAsMoney()
    {
        // Session 35: the expected late amount is probability × open amount × expected days late (docs/collections.md), a ranking
        // figure. Main summed it per currency as "USD 12,345.00 + EUR 810.00", which reads as money. INV-D75 is in EUR.
        var euro = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet("isocurrencycode") }).Entities.Single(c => c.GetAttributeValue<string>("isocurrencycode") == "EUR");
        var customerCurrency = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.TransactionCurrencyId)).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id;
        var customerCode = _crm.System.Retrieve("transactioncurrency", customerCurrency, new ColumnSet("isocurrencycode")).GetAttributeValue<string>("isocurrencycode");
        _crm.System.Update(new Entity(Receivable.EntityLogicalName, InvoiceNamed("INV-D75")) { [Receivable.Fields.TransactionCurrencyId] = euro.ToEntityReference() });
        var receivables = Receivables();
        decimal AmountDays(bool inEuro) => receivables.Where(r => (r.GetAttributeValue<string>(Receivable.Fields.InvoiceNumber) == "INV-D75") == inEuro).Sum(r => r.GetAttributeValue<decimal>(Receivable.Fields.ExpectedLateAmount));
        var us = CultureInfo.GetCultureInfo("en-US");
        Assert.True(AmountDays(inEuro: true) > 0m, "INV-D75 (75 days overdue) has an expected late amount");

        var shell = await _crm.OpenPageAsync(CrmInTheBrowser.CollectorId, Page);
        var frame = await ReadyFrameAsync(shell);

        var figure = frame.Locator("#summary div").Nth(2);
        Assert.Equal(
            "Expected lateness (amount-days, for ranking): " + AmountDays(inEuro: false).ToString("N2", us) + " " + customerCode + "-days + " + AmountDays(inEuro: true).ToString("N2", us) + " EUR-days",
            await figure.TextContentAsync());
        Assert.Contains("not an amount of money", await figure.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        Assert.Contains("amount-days", await frame.Locator("#worklist thead th").Nth(8).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("not an amount of money", await frame.Locator("#worklist thead th").Nth(8).Locator("abbr").GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        await shell.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task WithNoInvoiceAwaitingAnErpResync_TheSummarySaysNone_AndNoLineIsBadged()
    {
        var shell = await _crm.OpenPageAsync(CrmInTheBrowser.CollectorId, Page);
        var frame = await ReadyFrameAsync(shell);

        Assert.Equal("Awaiting ERP re-sync: none", await frame.Locator("#erp-resync").TextContentAsync());
        Assert.Equal(0, await frame.Locator("#worklist .cos-badge").CountAsync());
        Assert.Equal(0, await frame.Locator("#erp-resync-view").CountAsync());
        await shell.AssertNoStandInFailuresAsync();
    }

    private Guid InvoiceNamed(string invoiceNumber)
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Receivable.Fields.InvoiceNumber, ConditionOperator.Equal, invoiceNumber);
        return _crm.System.RetrieveMultiple(query).Entities.Single().Id;
    }

    private static async Task<IFrame> ReadyFrameAsync(FormPage shell)
    {
        await shell.WaitUntilAsync("(function () { var f = document.getElementById('WebResource_page'); return f && f.contentDocument && f.contentDocument.body && ['ready', 'error'].indexOf(f.contentDocument.body.getAttribute('data-state')) >= 0; })()");
        var frame = shell.WebResourceFrame("WebResource_page");
        var state = await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')");
        Assert.True(state == "ready", "The worklist did not render: " + await frame.Locator("#status").TextContentAsync());
        return frame;
    }

    private List<Entity> Receivables()
    {
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(Receivable.Fields.OpenAmount, ConditionOperator.GreaterThan, 0m);
        return _crm.System.RetrieveMultiple(query).Entities.ToList();
    }
}
