extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Application = plugins::CreditOS.Dataverse.Model.CreditApplication;

namespace CreditOS.Browser.Tests.Forms;

/// <summary>
/// Round 21 (session 29): a model-driven form shows a choice's label, a date in the user's format, money with its currency
/// and numbers with grouping, not the stored values. The form host reads them as the signed-in person through the local Web
/// API's FormattedValue annotations (Prefer: odata.include-annotations, "Format data returned", webapi/query/format-data), so
/// the form shows what Dataverse formats; a choice attribute's getText() answers its label, getAttributeType() the Client API
/// type. Before, the stand-in showed "1" for Draft and ISO strings for dates.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormFormattedValueTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private CrmInTheBrowser _crm = null!;

    public async Task InitializeAsync() => _crm = await CrmInTheBrowser.StartAsync(chromium);

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Sam_SeesChoiceLabelsDatesMoneyAndNumbers_AsDataverseFormatsThem()
    {
        var draft = CreditApplications.AnApplication(_crm.System, "Northwind Traders Ltd", "S-3201");
        _crm.System.Update(new Entity(Application.EntityLogicalName, draft)
        {
            [Application.Fields.RequestedLimit] = new Money(25_000m),
                        [Application.Fields.RequestedTermsDays] = 120,
            [Application.Fields.AnnualRevenue] = new Money(1_250_000m),
            [Application.Fields.LimitReviewOn] = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
        });
        var columns = new[]
        {
            Application.Fields.StatusCode, Application.Fields.RequestedLimit, Application.Fields.RequestedTermsDays,
            Application.Fields.LimitReviewOn, Application.Fields.AccountId,
        };
        var formatted = _crm.System.Retrieve(Application.EntityLogicalName, draft, new ColumnSet(columns)).FormattedValues;

        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, draft);

        Assert.Equal("Draft", await form.ShownTextAsync(Application.Fields.StatusCode));
        Assert.Equal(formatted[Application.Fields.StatusCode], await form.ShownTextAsync(Application.Fields.StatusCode));
        Assert.Equal(formatted[Application.Fields.RequestedLimit], await form.ShownTextAsync(Application.Fields.RequestedLimit));
        Assert.EndsWith("25,000.00", await form.ShownTextAsync(Application.Fields.RequestedLimit), StringComparison.Ordinal);
        Assert.Equal("120", await form.ShownTextAsync(Application.Fields.RequestedTermsDays));
        Assert.EndsWith("1,250,000.00", await form.ShownTextAsync(Application.Fields.AnnualRevenue), StringComparison.Ordinal);
        Assert.Equal(formatted[Application.Fields.LimitReviewOn], await form.ShownTextAsync(Application.Fields.LimitReviewOn));
        Assert.DoesNotContain("T00:00", await form.ShownTextAsync(Application.Fields.LimitReviewOn), StringComparison.Ordinal);
        Assert.Equal("Northwind Traders Ltd", await form.ShownTextAsync(Application.Fields.AccountId));
        Assert.Equal("Draft", await form.EvaluateJsonAsync<string>($"XrmStandIn.formContext.getAttribute('{Application.Fields.StatusCode}').getText()"));
        Assert.Equal("optionset", await form.EvaluateJsonAsync<string>($"XrmStandIn.formContext.getAttribute('{Application.Fields.StatusCode}').getAttributeType()"));
        Assert.Equal("money", await form.EvaluateJsonAsync<string>($"XrmStandIn.formContext.getAttribute('{Application.Fields.RequestedLimit}').getAttributeType()"));
        Assert.Equal(1, await form.EvaluateJsonAsync<int>($"XrmStandIn.formContext.getAttribute('{Application.Fields.StatusCode}').getValue()"));
        await form.AssertNoStandInFailuresAsync();
    }
    [Fact]
    public async Task ANegativeAmount_WhichTheLocalWebApiDoesNotFormat_IsShownStored_AndMarkedSo()
    {
        var currency = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id;
        var account = _crm.System.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = "Fabrikam Tools",
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", currency),
            [Account.Fields.AvailableCredit] = new Money(-12_000m),
            [Account.Fields.Exposure] = new Money(37_000m),
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
        var stored = _crm.System.Retrieve(Account.EntityLogicalName, account, new ColumnSet(Account.Fields.Exposure, Account.Fields.AvailableCredit));
        var available = stored.GetAttributeValue<Money>(Account.Fields.AvailableCredit).Value;
        Assert.True(available < 0, $"The account's available credit is {available}, not the negative amount the test needs.");

        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, account);

        Assert.Equal(((double)available).ToString("R", CultureInfo.InvariantCulture), await form.ShownTextAsync(Account.Fields.AvailableCredit));
        var reason = await form.Page.Locator($"#fields input[data-column='{Account.Fields.AvailableCredit}']").First.GetAttributeAsync("data-unformatted");
        Assert.Contains("negative amount", reason ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(Account.Fields.AvailableCredit, reason ?? string.Empty, StringComparison.Ordinal);
        var formatted = stored.FormattedValues;
        Assert.Equal(formatted[Account.Fields.Exposure], await form.ShownTextAsync(Account.Fields.Exposure));
        Assert.Null(await form.Page.Locator($"#fields input[data-column='{Account.Fields.Exposure}']").First.GetAttributeAsync("data-unformatted"));
    }
}
