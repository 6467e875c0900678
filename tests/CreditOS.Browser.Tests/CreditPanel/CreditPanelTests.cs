extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using CreditOS.CreditEngine.History;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using BureauReport = plugins::CreditOS.Dataverse.Model.BureauReport;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.CreditPanel;

/// <summary>
/// The credit panel (cos_/credit/panel.html) on the account form's Credit tab, opened by Sam, the sales rep, with the
/// Sales Rep role and Credit Readers profile only: its figures are the account's columns and the rows Dataverse holds.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditPanelTests(ChromiumFixture chromium) : IAsyncLifetime
{
    public const string PanelControl = "WebResource_creditpanel";

    /// <summary>account, score history, open items, promises, bureau reports, held orders, open approval requests, and the
    /// base currency's ISO code (session 35: the aging is in the base currency).</summary>
    internal const int PanelRequests = 8;

    private CrmInTheBrowser _crm = null!;
    private CustomerWithACreditPicture _customer = null!;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        _customer = CustomerWithACreditPicture.CreateIn(_crm);
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task SalesRep_SeesTheAccountsLimitExposureAvailableUtilizationAndScores_AsTheAccountHoldsThem()
    {
        var account = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(
            Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.AvailableCredit, Account.Fields.Utilization,
            Account.Fields.ValueScore, Account.Fields.RiskScore, Account.Fields.RiskLevel, Account.Fields.OverdueAmount, Account.Fields.TopReasons));

        var panel = await OpenPanelAsync();

        Assert.Equal(Money(account, Account.Fields.CreditLimit), await panel.FigureAsync("limit"));
        Assert.Equal(Money(account, Account.Fields.Exposure), await panel.FigureAsync("exposure"));
        Assert.Equal(Money(account, Account.Fields.AvailableCredit), await panel.FigureAsync("available"));
        Assert.Equal(account.GetAttributeValue<decimal>(Account.Fields.Utilization), await panel.FigureAsync("utilization"));
        Assert.Equal(Money(account, Account.Fields.OverdueAmount), await panel.FigureAsync("overdue"));
        // Session 34: the amounts say their currency (the account's), in the same seven requests.
        var currency = _crm.System.Retrieve("transactioncurrency", _customer.EuroId, new ColumnSet("isocurrencycode")).GetAttributeValue<string>("isocurrencycode");
        Assert.Equal(currency + " " + Money(account, Account.Fields.CreditLimit).ToString("N2", CultureInfo.GetCultureInfo("en-US")), await panel.Frame.Locator("[data-figure='limit']").TextContentAsync());
        Assert.Equal(currency + " " + Money(account, Account.Fields.OverdueAmount).ToString("N2", CultureInfo.GetCultureInfo("en-US")), await panel.Frame.Locator("[data-figure='overdue']").TextContentAsync());
        Assert.Equal("Aging (" + currency + ")", await panel.Frame.Locator("#aging h2").TextContentAsync());
        Assert.Equal("Open and past-due items", await panel.Frame.Locator("#items h2").TextContentAsync());
        Assert.Equal(currency + " 900.00", await panel.Frame.Locator("#items-list tr[data-invoice='INV-D75'] td[data-amount='open']").TextContentAsync());
        Assert.Equal(account.GetAttributeValue<decimal>(Account.Fields.ValueScore), await panel.FigureAsync("valueScore"));
        Assert.Equal(account.GetAttributeValue<decimal>(Account.Fields.RiskScore), await panel.FigureAsync("riskScore"));
        Assert.Equal(account.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel).Value, await panel.FigureAsync("riskLevel"));
        var reasons = account.GetAttributeValue<string>(Account.Fields.TopReasons).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(reasons);
        Assert.Equal(reasons, await panel.Frame.Locator("#top-reasons li").AllTextContentsAsync());
        // The gauge marks 80% and 95% and is as full as the utilization.
        Assert.Equal(["80", "95"], await panel.Frame.Locator("#utilization-gauge [data-marker]").EvaluateAllAsync<string[]>("markers => markers.map(m => m.getAttribute('data-marker'))"));
        Assert.Equal(account.GetAttributeValue<decimal>(Account.Fields.Utilization), decimal.Parse(await panel.Frame.Locator("#utilization-gauge").GetAttributeAsync("aria-valuenow") ?? "", CultureInfo.InvariantCulture));
        await Screenshots.SaveIfRequestedAsync(panel.Form.Page, "credit-panel.png");
    }

    [Fact]
    public async Task Panel_ReadsInAFixedNumberOfRequests_EachSelectingItsColumns()
    {
        _crm.Host.ForgetCalls();

        var panel = await OpenPanelAsync();

        // The account form's Credit tab also holds the payment history page (its own one request): count the panel's.
        var calls = _crm.Host.Calls.Where(call => !call.Target.Contains("cos_PaymentHistoryReport", StringComparison.Ordinal)).ToList();
        Assert.True(PanelRequests == calls.Count, string.Join(Environment.NewLine, calls));
        Assert.Equal(PanelRequests, await panel.Frame.EvaluateAsync<int>("creditOS.CreditPanel.requestCount()"));
        Assert.All(calls, call =>
        {
            Assert.Equal("GET", call.Method);
            Assert.Contains("$select=", call.Target, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AgingBuckets_AreTheEnginesAgingOfTheOpenItems_AndTheDrillDownListsEachItemWithDaysPastDueAndDispute()
    {
        var expected = CustomerWithACreditPicture.OpenItems.Aggregate(AgingBalance.Empty, (aging, item) => aging.AddItem(item.Open, item.DaysPastDue));

        var panel = await OpenPanelAsync();

        Assert.Equal(expected.Current, await panel.BucketAsync("current"));
        Assert.Equal(expected.Days1To30, await panel.BucketAsync("1-30"));
        Assert.Equal(expected.Days31To60, await panel.BucketAsync("31-60"));
        Assert.Equal(expected.Days61To90, await panel.BucketAsync("61-90"));
        Assert.Equal(expected.Over90Days, await panel.BucketAsync("90+"));
        var rows = panel.Frame.Locator("#items-list tbody tr");
        Assert.Equal(CustomerWithACreditPicture.OpenItems.Length, await rows.CountAsync());
        foreach (var (invoice, daysPastDue, _, disputed) in CustomerWithACreditPicture.OpenItems)
        {
            var row = panel.Frame.Locator($"#items-list tr[data-invoice='{invoice}']");
            Assert.Equal(Math.Max(0, daysPastDue).ToString(CultureInfo.InvariantCulture), await row.GetAttributeAsync("data-days-past-due"));
            Assert.Equal(disputed ? "true" : "false", await row.GetAttributeAsync("data-disputed"));
        }

        // Drill down: the 31-60 bucket lists only its item; "Show all" lists them all again.
        await panel.Frame.Locator("button[data-bucket-filter='31-60']").ClickAsync();
        Assert.Equal(["INV-D45"], await panel.Frame.Locator("#items-list tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-invoice'))"));
        await panel.Frame.Locator("#items-show-all").ClickAsync();
        Assert.Equal(CustomerWithACreditPicture.OpenItems.Length, await panel.Frame.Locator("#items-list tbody tr").CountAsync());
    }

    [Fact]
    public async Task AnInvoiceInAnotherCurrency_IsAgedInTheBaseCurrency_AndListedInItsOwn()
    {
        // Session 35: one more open invoice of the customer, in pounds at 0.5 to the base currency: GBP 1,000.00 is 2,000.00 in
        // the base currency, 45 days past due (31–60 days). Main added the 1,000.00 pounds to the bucket as stored and called
        // them the account's currency.
        var baseCode = _crm.System.Retrieve("transactioncurrency", _crm.Environment.Dataverse.BaseCurrencyId, new ColumnSet("isocurrencycode")).GetAttributeValue<string>("isocurrencycode");
        var invoice = InvoiceInPounds.CreateFor(_crm, _customer.AccountId);
        Assert.Equal(InvoiceInPounds.OpenInBase, Money(_crm.System.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet("cos_openamount_base")), "cos_openamount_base"));
        var expected = CustomerWithACreditPicture.OpenItems.Aggregate(AgingBalance.Empty, (aging, item) => aging.AddItem(item.Open, item.DaysPastDue)).AddItem(InvoiceInPounds.OpenInBase, InvoiceInPounds.DaysPastDue);
        Assert.NotEqual("GBP", baseCode);

        var panel = await OpenPanelAsync();

        Assert.Equal(
            [expected.Current, expected.Days1To30, expected.Days31To60, expected.Days61To90, expected.Over90Days],
            [await panel.BucketAsync("current"), await panel.BucketAsync("1-30"), await panel.BucketAsync("31-60"), await panel.BucketAsync("61-90"), await panel.BucketAsync("90+")]);
        Assert.Equal("Aging (" + baseCode + ")", await panel.Frame.Locator("#aging h2").TextContentAsync());
        Assert.Equal(baseCode, await panel.Frame.Locator("#aging").GetAttributeAsync("data-currency"));
        Assert.Contains("base currency", await panel.Frame.Locator("#aging").GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        Assert.Equal("GBP 1,000.00", await panel.Frame.Locator("#items-list tr[data-invoice='GBP-1'] td[data-amount='open']").TextContentAsync());
        Assert.Equal(baseCode + " 900.00", await panel.Frame.Locator("#items-list tr[data-invoice='INV-D75'] td[data-amount='open']").TextContentAsync());
        Assert.Equal("Open and past-due items", await panel.Frame.Locator("#items h2").TextContentAsync());
    }

    [Fact]
    public async Task AgingBuckets_AreComputedWhereTheyAreShown_ThirtyDaysLaterWithoutARescoring_EachItemIsOneBucketOlder()
    {
        // Issue 15, session 16: the account stores no aging buckets (they moved with the calendar alone and rewrote the
        // account every night); the panel counts them from today's date and the open items it reads.
        var before = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.LastScoredOn, Account.Fields.OpenReceivables));
        _crm.Environment.Clock.Advance(TimeSpan.FromDays(30));
        var expected = CustomerWithACreditPicture.OpenItems.Aggregate(AgingBalance.Empty, (aging, item) => aging.AddItem(item.Open, item.DaysPastDue + 30));

        var panel = await OpenPanelAsync();

        Assert.Equal(
            [expected.Current, expected.Days1To30, expected.Days31To60, expected.Days61To90, expected.Over90Days],
            [await panel.BucketAsync("current"), await panel.BucketAsync("1-30"), await panel.BucketAsync("31-60"), await panel.BucketAsync("61-90"), await panel.BucketAsync("90+")]);
        Assert.Equal([0m, 4_000m, 2_500m, 1_750m, 900m + 3_100m], [expected.Current, expected.Days1To30, expected.Days31To60, expected.Days61To90, expected.Over90Days]);
        // Nothing was rescored or written for it, and the buckets still add up to the open receivables the account holds.
        var after = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.LastScoredOn, Account.Fields.OpenReceivables));
        Assert.Equal(before.GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn), after.GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
        Assert.Equal(Money(after, Account.Fields.OpenReceivables), expected.Total);
        Assert.Equal("31-60", await panel.Frame.Locator("#items-list tr[data-invoice='INV-D05']").GetAttributeAsync("data-bucket"));
    }

    [Fact]
    public async Task PromisesThisFiscalYear_BureauChanges_HeldOrdersAndOpenRequests_AreWhatDataverseHolds()
    {
        var panel = await OpenPanelAsync();

        Assert.Equal(("1", "500"), await panel.PromisesAsync("open"));
        Assert.Equal(("2", "500"), await panel.PromisesAsync("kept"));
        Assert.Equal(("1", "1000"), await panel.PromisesAsync("broken"));
        Assert.Equal(70m, await panel.FigureAsync("bureau.solvency"));
        Assert.Equal("(+8)", (await panel.Frame.Locator("[data-change='solvency']").TextContentAsync())?.Trim());
        Assert.Equal("(was B)", (await panel.Frame.Locator("[data-change='rating']").TextContentAsync())?.Trim());
        Assert.Equal("(-20,000.00)", (await panel.Frame.Locator("[data-change='recommendedCredit']").TextContentAsync())?.Trim());
        Assert.Equal("(was Yes)", (await panel.Frame.Locator("[data-change='lien']").TextContentAsync())?.Trim());

        var sam = _crm.Environment.As(FixedIds.SalesRep);
        var held = Count(sam, "salesorder", "customerid", (int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.OnHold, "cos_creditstatus");
        Assert.Equal(1, held);
        Assert.Equal(held.ToString(CultureInfo.InvariantCulture), await panel.Frame.Locator("#held-orders").GetAttributeAsync("data-count"));
        var pending = Count(sam, "cos_creditapprovalrequest", "cos_accountid", (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending, "cos_approvalstatus");
        Assert.True(pending >= 1, "the held order raised no pending approval request");
        Assert.Equal(pending.ToString(CultureInfo.InvariantCulture), await panel.Frame.Locator("#open-approvals").GetAttributeAsync("data-count"));
    }

    [Fact]
    public async Task HeldOrdersApprovalsAndBureau_ShowTheirAmountsInTheirRecordsCurrency_TheBureausOwnNotSubtractedAcrossCurrencies()
    {
        // Session 35: the customer, its held order and the approval request are in the organization's first currency (USD); the
        // bureau's latest report (BR-2, recommended 60,000) is in EUR, the older one (BR-1, 80,000) in USD.
        var currencies = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet("isocurrencycode") }).Entities;
        var account = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.TransactionCurrencyId)).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId).Id;
        var code = currencies.Single(c => c.Id == account).GetAttributeValue<string>("isocurrencycode");
        var euro = currencies.Single(c => c.GetAttributeValue<string>("isocurrencycode") == "EUR");
        Assert.NotEqual("EUR", code);
        var reports = new QueryExpression(BureauReport.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        reports.Criteria.AddCondition(BureauReport.Fields.ExternalId, ConditionOperator.Equal, "BR-2");
        _crm.System.Update(new Entity(BureauReport.EntityLogicalName, _crm.System.RetrieveMultiple(reports).Entities.Single().Id)
        {
            ["transactioncurrencyid"] = euro.ToEntityReference(),
        });
        var order = _crm.System.RetrieveMultiple(new QueryExpression("salesorder") { ColumnSet = new ColumnSet("totalamount") }).Entities.Single();
        // The held order's approval request (a limit review the rescoring may raise has no order amount).
        var request = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet("cos_name", "cos_orderamount") };
        request.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, _customer.AccountId);
        request.Criteria.AddCondition("cos_orderamount", ConditionOperator.NotNull);
        var requested = _crm.System.RetrieveMultiple(request).Entities.First();
        var us = CultureInfo.GetCultureInfo("en-US");

        var panel = await OpenPanelAsync();

        Assert.Equal(code + " " + order.GetAttributeValue<Money>("totalamount").Value.ToString("N2", us), await panel.Frame.Locator("#held-orders [data-amount='order']").First.TextContentAsync());
        Assert.Equal(code + " " + requested.GetAttributeValue<Money>("cos_orderamount").Value.ToString("N2", us), await panel.Frame.Locator($"#open-approvals tr[data-request='{requested.GetAttributeValue<string>("cos_name")}'] [data-amount='request']").TextContentAsync());
        var recommended = panel.Frame.Locator("[data-figure='bureau.recommendedCredit']");
        Assert.Equal("EUR 60,000.00 (was " + code + " 80,000.00)", await recommended.TextContentAsync());
        Assert.Equal(60_000m, await panel.FigureAsync("bureau.recommendedCredit"));
        await Screenshots.SaveIfRequestedAsync(panel.Form.Page, "credit-panel-currencies.png");
        await panel.Form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task HeldOrdersCard_AlsoListsOrdersAwaitingPrepayment_ForANewCustomerOnStarterTerms()
    {
        // A new customer of Sam's with no payment history is on starter terms: the credit flow saves his order Awaiting
        // prepayment (no Finance request). The panel lists it with the held orders, marked as awaiting prepayment.
        var system = _crm.System;
        var starter = system.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = "Northwind Starter",
            [Account.Fields.AccountNumber] = "P-2002",
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", _customer.EuroId),
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
        var sam = _crm.Environment.As(FixedIds.SalesRep);
        var order = sam.Create(new Entity("salesorder")
        {
            ["name"] = "First delivery",
            ["customerid"] = new EntityReference(Account.EntityLogicalName, starter),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", _customer.EuroId),
            ["totalamount"] = new Money(2_500m),
        });
        var awaiting = (int)plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus.AwaitingPrepayment;
        Assert.Equal(awaiting, system.Retrieve("salesorder", order, new ColumnSet("cos_creditstatus")).GetAttributeValue<OptionSetValue>("cos_creditstatus").Value);

        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, starter);
        var panel = await PanelFrame.WaitForAsync(form, PanelControl);

        var held = panel.Frame.Locator("#held-orders");
        Assert.Equal("1", await held.GetAttributeAsync("data-count"));
        var row = held.Locator("tr").First;
        Assert.Equal(awaiting.ToString(CultureInfo.InvariantCulture), await row.GetAttributeAsync("data-credit-status"));
        Assert.Contains("Awaiting prepayment", await row.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("2,500.00", await row.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task RescoreFromThePanel_ScoresTheCustomer_AndThePanelReadsTheNewPicture()
    {
        var panel = await OpenPanelAsync();
        _crm.Environment.Clock.Advance(TimeSpan.FromDays(1));
        var clickedAt = _crm.Environment.Clock.GetUtcNow().UtcDateTime;
        _crm.Host.ForgetCalls();

        await panel.Frame.Locator("#rescore").ClickAsync();
        await panel.Frame.WaitForFunctionAsync("document.body.getAttribute('data-state') === 'ready' && !document.getElementById('rescore').disabled", null, new FrameWaitForFunctionOptions { Timeout = (float)BrowserTimeouts.Condition.TotalMilliseconds });
        await panel.Form.WaitUntilAsync("XrmStandIn.state.pending === 0");

        Assert.Equal(clickedAt, _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.LastScoredOn)).GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
        Assert.Equal("POST", _crm.Host.Calls[0].Method);
        Assert.EndsWith("/Microsoft.Dynamics.CRM.cos_RescoreAccount", _crm.Host.Calls[0].Target, StringComparison.Ordinal);
        Assert.Equal(1 + PanelRequests, _crm.Host.Calls.Count);
        Assert.Empty(await panel.Form.DialogsAsync());
        await panel.Form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task OnTheApprovalRequestForm_FinanceSeesTheRequestsCustomer_InOneMoreRequest()
    {
        var query = new QueryExpression("cos_creditapprovalrequest") { ColumnSet = new ColumnSet(false), TopCount = 1 };
        query.Criteria.AddCondition("cos_accountid", ConditionOperator.Equal, _customer.AccountId);
        var request = _crm.System.RetrieveMultiple(query).Entities.Single().Id;
        var account = _crm.System.Retrieve(Account.EntityLogicalName, _customer.AccountId, new ColumnSet(Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.AvailableCredit));
        _crm.Host.ForgetCalls();

        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, "cos_creditapprovalrequest", request);
        var panel = await PanelFrame.WaitForAsync(form, PanelControl);

        Assert.Equal(Money(account, Account.Fields.CreditLimit), await panel.FigureAsync("limit"));
        Assert.Equal(Money(account, Account.Fields.Exposure), await panel.FigureAsync("exposure"));
        Assert.Equal(Money(account, Account.Fields.AvailableCredit), await panel.FigureAsync("available"));
        Assert.Equal(1 + PanelRequests, _crm.Host.Calls.Count);
        Assert.StartsWith($"cos_creditapprovalrequests({request:D})?$select=_cos_accountid_value", _crm.Host.Calls[0].Target, StringComparison.Ordinal);
        await Screenshots.SaveIfRequestedAsync(form.Page, "approval-request-form.png");
        await form.AssertNoStandInFailuresAsync();
    }

    private static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;

    private int Count(IOrganizationService service, string table, string customerColumn, int status, string statusColumn)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(customerColumn, ConditionOperator.Equal, _customer.AccountId);
        query.Criteria.AddCondition(statusColumn, ConditionOperator.Equal, status);
        return service.RetrieveMultiple(query).Entities.Count;
    }

    private async Task<PanelFrame> OpenPanelAsync()
    {
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _customer.AccountId);
        var panel = await PanelFrame.WaitForAsync(form, PanelControl);
        await form.AssertNoStandInFailuresAsync();
        return panel;
    }
}
