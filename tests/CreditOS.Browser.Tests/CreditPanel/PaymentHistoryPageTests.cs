extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.CreditPanel;

/// <summary>
/// The printable 24-month payment history (cos_/credit/payment_history.html) on the account form's Credit tab, opened
/// by Fiona (Finance, who negotiates terms): built only when asked for, and its figures are the ledger's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentHistoryPageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string HistoryControl = "WebResource_paymenthistory";

    private CrmInTheBrowser _crm = null!;
    private CustomerWithACreditPicture _customer = null!;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        _customer = CustomerWithACreditPicture.CreateIn(_crm);
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task OpeningTheAccount_BuildsNoReport_ShowingIt_DrawsTheLedgersTwentyFourMonths()
    {
        _crm.Host.ForgetCalls();
        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Account.EntityLogicalName, _customer.AccountId);
        await form.WaitUntilAsync($"(function () {{ var f = document.getElementById('{HistoryControl}'); return f && f.contentDocument && f.contentDocument.body && f.contentDocument.body.getAttribute('data-state') === 'idle'; }})()");
        var page = form.WebResourceFrame(HistoryControl);
        Assert.DoesNotContain(_crm.Host.Calls, call => call.Target.Contains("cos_PaymentHistoryReport", StringComparison.Ordinal));
        Assert.True(await page.Locator("#print").IsHiddenAsync());

        await page.Locator("#show").ClickAsync();
        await page.WaitForFunctionAsync("['ready', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0", null, new FrameWaitForFunctionOptions { Timeout = (float)BrowserTimeouts.Condition.TotalMilliseconds });
        if (await page.EvaluateAsync<string>("document.body.getAttribute('data-state')") != "ready")
        {
            Assert.Fail("The payment history did not render: " + await page.Locator("#status").TextContentAsync());
        }


        Assert.Single(_crm.Host.Calls, call => call.Target.Contains("cos_PaymentHistoryReport", StringComparison.Ordinal));
        Assert.Equal(24, await page.Locator("#months tr").CountAsync() - 1);
        Assert.Equal(SettledInTheLast24Months().ToString(CultureInfo.InvariantCulture), await SummaryAsync(page, "Invoices settled"));
        Assert.True(await page.Locator("#print").IsVisibleAsync());
        Assert.True(await page.Locator("#show").IsHiddenAsync());
        Assert.Equal(4, await page.Locator("figure svg").CountAsync());
        Assert.Matches(@"^\d+ invoice\(s\), ", await SummaryAsync(page, "Early-payment discounts missed"));
        Assert.Equal(2, await page.Locator("#months tr th", new FrameLocatorOptions { HasText = "Discounts" }).CountAsync());
        await form.AssertNoStandInFailuresAsync();
    }

    // What Dataverse holds: the customer's invoices settled from the first day of the report's first month.
    private int SettledInTheLast24Months()
    {
        var today = _crm.Environment.Clock.GetUtcNow().UtcDateTime;
        var firstMonth = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-23);
        var query = new QueryExpression(Receivable.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Receivable.Fields.AccountId, ConditionOperator.Equal, _customer.AccountId);
        query.Criteria.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.GreaterEqual, firstMonth);
        // cos_settledon is date-only: compared with today's date at 12:00 AM (a time of day on a date-only condition is refused:
        // Dataverse does not document whether it drops the time).
        query.Criteria.AddCondition(Receivable.Fields.SettledOn, ConditionOperator.LessEqual, today.Date);
        var settled = _crm.System.RetrieveMultiple(query).Entities.Count;
        Assert.True(settled > 0, "the customer has no settled invoice to report");
        return settled;
    }

    private static async Task<string> SummaryAsync(IFrame page, string label) =>
        (await page.Locator("#summary tr", new FrameLocatorOptions { HasText = label }).Locator("td").TextContentAsync())?.Trim() ?? string.Empty;
}
