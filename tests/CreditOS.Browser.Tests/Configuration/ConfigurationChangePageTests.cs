extern alias plugins;

using System.Globalization;
using System.Text.Json;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Activation = plugins::CreditOS.Dataverse.Model.ConfigurationActivation;
using Change = plugins::CreditOS.Dataverse.Model.ConfigurationChange;
using Changes = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationChanges;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Browser.Tests.Configuration;

/// <summary>
/// Session 22: the surface an administrator builds a configuration change on (cos_/configuration/change.html). Carl
/// (Credit Administrator) opens "Propose a configuration change" from the site map, picks the Standard credit policy,
/// sees each column's value now, types the proposed values and proposes; Dana (a second Credit Administrator) opens the
/// change's form, where the page shows each column proposed against, now and proposed, flags what changed since, and
/// applies it. Everything is read from and written to the local Dataverse through its Web API as the signed-in person.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfigurationChangePageTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Page = "cos_/configuration/change.html";
    private const string PageControl = "WebResource_page";
    private const string FormControl = "WebResource_configurationchange";

    private CrmInTheBrowser _crm = null!;
    private Guid _standard;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        var query = new QueryExpression(Policy.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Policy.Fields.Code, ConditionOperator.Equal, "STANDARD");
        _standard = Assert.Single(_crm.System.RetrieveMultiple(query).Entities).Id;
        _crm.System.Update(new Entity(Policy.EntityLogicalName, _standard) { [Policy.Fields.HardCap] = new Money(250_000m), [Policy.Fields.GraceDays] = 5 });
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Carl_BuildsAChangeFromTheRowAsItIs_Dana_SeesWhatChangedSince_IsRefusedThat_AndAppliesTheOther()
    {
        var (firstPage, first) = await CarlProposesAsync(("cos_hardcap", "400000.00"), ("cos_gracedays", "10"));
        Assert.Equal("cos_hardcap = 400000.00\ncos_gracedays = 10", await firstPage.Locator("#preview").TextContentAsync());
        var proposed = _crm.System.Retrieve(Change.EntityLogicalName, first, new ColumnSet(true));
        Assert.Equal("cos_hardcap = 400000.00\ncos_gracedays = 10", proposed.GetAttributeValue<string>(Change.Fields.Changes));
        Assert.Equal("cos_hardcap = 250000.00\ncos_gracedays = 5", proposed.GetAttributeValue<string>(Change.Fields.Basis));
        Assert.Equal(FixedIds.CreditOfficer, proposed.GetAttributeValue<EntityReference>(Change.Fields.CreatedBy).Id);

        // The deployment path raises the hard cap directly; Carl proposes a second change of the same row meanwhile.
        _crm.System.Update(new Entity(Policy.EntityLogicalName, _standard) { [Policy.Fields.HardCap] = new Money(300_000m) });
        var (secondPage, second) = await CarlProposesAsync(("cos_earlypaymentdays", "12"));
        Assert.Equal(["cos_hardcap = 400000.00; cos_gracedays = 10"], await secondPage.Locator("#pending li").AllTextContentsAsync());

        var review = await DanaReviewsAsync(first);
        Assert.Equal("1", await review.EvaluateAsync<string>("document.body.getAttribute('data-conflicts')"));
        Assert.Equal(["cos_hardcap", "250000.00", "300000.00", "400000.00"], await CellsAsync(review, "cos_hardcap"));
        Assert.Equal(["cos_gracedays", "5", "5", "10"], await CellsAsync(review, "cos_gracedays"));
        Assert.Equal("cos-conflict", await review.Locator("#comparison tr[data-column='cos_hardcap']").GetAttributeAsync("class"));
        Assert.Equal(["cos_earlypaymentdays = 12"], await review.Locator("#pending li").AllTextContentsAsync());

        var refused = await ApplyAsync(review);
        Assert.Equal("error", refused.State);
        Assert.Contains("(cos_hardcap: proposed against 250000.00, now 300000.00)", refused.Message, StringComparison.Ordinal);
        await Screenshots.SaveIfRequestedAsync(review.Page, "configuration-change-review.png");
        Assert.Equal(0, _crm.System.Retrieve(Change.EntityLogicalName, first, new ColumnSet(Change.Fields.StateCode)).GetAttributeValue<OptionSetValue>(Change.Fields.StateCode).Value);
        Assert.Equal(5, PolicyValue<int>(Policy.Fields.GraceDays));

        var clean = await DanaReviewsAsync(second);
        Assert.Equal("0", await clean.EvaluateAsync<string>("document.body.getAttribute('data-conflicts')"));
        var applied = await ApplyAsync(clean);

        Assert.True(applied.State == "applied", applied.Message);
        Assert.Equal(12, PolicyValue<int>(Policy.Fields.EarlyPaymentDays));
        var record = Assert.Single(_crm.System.RetrieveMultiple(new QueryExpression(Activation.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities,
            row => row.GetAttributeValue<string>(Activation.Fields.ConfigurationTable) == Policy.EntityLogicalName);
        Assert.Equal(CrmInTheBrowser.SecondCreditAdministratorId, record.GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);
        Assert.EndsWith(" → 12", record.GetAttributeValue<string>(Activation.Fields.Changes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagesColumns_AreTheColumnsAChangeMaySet_TableByTable()
    {
        var shell = await _crm.OpenPageAsync(FixedIds.CreditOfficer, Page);
        var frame = await ReadyAsync(shell, PageControl);
        var json = await frame.EvaluateAsync<string>(
            "JSON.stringify(Object.keys(creditOS.ConfigurationChange.tables).reduce(function (all, t) { all[t] = creditOS.ConfigurationChange.tables[t].columns.map(function (c) { return c[0]; }); return all; }, {}))");
        var page = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json)!;

        Assert.Equal(5, page.Count);
        foreach (var table in page)
        {
            Assert.True(Changes.Holds(table.Key), table.Key);
            Assert.Equal(Changes.ColumnsOf(table.Key).OrderBy(c => c, StringComparer.Ordinal), table.Value.OrderBy(c => c, StringComparer.Ordinal));
        }
    }

    private async Task<(IFrame Page, Guid Change)> CarlProposesAsync(params (string Column, string Value)[] values)
    {
        var shell = await _crm.OpenPageAsync(FixedIds.CreditOfficer, Page);
        var frame = await ReadyAsync(shell, PageControl);
        await frame.Locator("#table").SelectOptionAsync(Policy.EntityLogicalName);
        await frame.WaitForFunctionAsync($"document.body.getAttribute('data-table') === '{Policy.EntityLogicalName}'");
        await frame.Locator("#row").SelectOptionAsync(_standard.ToString("D"));
        await frame.WaitForFunctionAsync($"document.body.getAttribute('data-row') === '{_standard:D}'");
        Assert.Equal("5", await frame.Locator("#columns tr[data-column='cos_gracedays'] .cos-now").TextContentAsync());
        foreach (var (column, value) in values)
        {
            await frame.Locator("#proposed-" + column).FillAsync(value);
        }

        await frame.Locator("#propose").ClickAsync();
        await frame.WaitForFunctionAsync("['proposed', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0");
        Assert.True(await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')") == "proposed", await frame.Locator("#message").TextContentAsync());
        await shell.AssertNoStandInFailuresAsync();
        return (frame, Guid.Parse(await frame.EvaluateAsync<string>("document.body.getAttribute('data-change-id')"), CultureInfo.InvariantCulture));
    }

    private async Task<IFrame> DanaReviewsAsync(Guid change)
    {
        var form = await _crm.OpenFormAsync(CrmInTheBrowser.SecondCreditAdministratorId, Change.EntityLogicalName, change);
        return await ReadyAsync(form, FormControl);
    }

    private static async Task<(string State, string Message)> ApplyAsync(IFrame review)
    {
        await review.Locator("#apply").ClickAsync();
        await review.WaitForFunctionAsync("['applied', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0");
        return (await review.EvaluateAsync<string>("document.body.getAttribute('data-state')"), await review.Locator("#message").TextContentAsync() ?? string.Empty);
    }

    private static async Task<string[]> CellsAsync(IFrame review, string column) =>
        (await review.Locator($"#comparison tr[data-column='{column}'] td").AllTextContentsAsync()).ToArray();

    private static async Task<IFrame> ReadyAsync(FormPage page, string control)
    {
        await page.WaitUntilAsync($"(function () {{ var f = document.getElementById('{control}'); return f && f.contentDocument && f.contentDocument.body && ['ready', 'error'].indexOf(f.contentDocument.body.getAttribute('data-state')) >= 0; }})()");
        var frame = page.WebResourceFrame(control);
        Assert.True(await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')") == "ready", "The page did not load: " + await frame.Locator("#message").TextContentAsync());
        return frame;
    }

    private T PolicyValue<T>(string column) => _crm.System.Retrieve(Policy.EntityLogicalName, _standard, new ColumnSet(column)).GetAttributeValue<T>(column);
}
