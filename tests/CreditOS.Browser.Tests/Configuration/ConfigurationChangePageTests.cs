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
/// Sessions 22 and 23: the surface an administrator builds a configuration change on (cos_/configuration/change.html). Carl
/// (Credit Administrator) opens "Propose a configuration change" from the site map, picks the Standard credit policy by its
/// display names, sees each column by its display name with its value now, chooses or types the proposed values (choices and
/// yes/no in dropdowns with their labels, lookups by the rows' names, numbers checked against the column's precision and range
/// before proposing) and proposes; Dana (a second Credit Administrator) opens the change's form, where the page shows each column
/// proposed against, now and proposed, in labels, flags what changed since, and applies it. Everything is read from and written to
/// the local Dataverse through its Web API (rows and table definitions) as the signed-in person.
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
        _standard = PolicyId("STANDARD");
        _crm.System.Update(new Entity(Policy.EntityLogicalName, _standard)
        {
            [Policy.Fields.HardCap] = new Money(250_000m), [Policy.Fields.GraceDays] = 5, ["cos_requiresapproval"] = false, ["cos_trustedchannel"] = null,
        });
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Carl_BuildsAChangeFromTheRowAsItIs_Dana_SeesWhatChangedSince_IsRefusedThat_AndAppliesTheOther()
    {
        var (firstPage, first) = await CarlProposesAsync("Credit policy", "Standard", ("Hard cap", "400,000"), ("Grace period (days)", "10"));
        Assert.Equal(["Hard cap: 250,000.00 → 400,000.00", "Grace period (days): 5 → 10"], await firstPage.Locator("#preview li").AllTextContentsAsync());
        var proposed = _crm.System.Retrieve(Change.EntityLogicalName, first, new ColumnSet(true));
        Assert.Equal("cos_hardcap = 400000.00\ncos_gracedays = 10", proposed.GetAttributeValue<string>(Change.Fields.Changes));
        Assert.Equal("cos_hardcap = 250000.00\ncos_gracedays = 5", proposed.GetAttributeValue<string>(Change.Fields.Basis));
        Assert.Equal(FixedIds.CreditOfficer, proposed.GetAttributeValue<EntityReference>(Change.Fields.CreatedBy).Id);

        // The deployment path raises the hard cap directly; Carl proposes a second change of the same row meanwhile.
        _crm.System.Update(new Entity(Policy.EntityLogicalName, _standard) { [Policy.Fields.HardCap] = new Money(300_000m) });
        var (secondPage, second) = await CarlProposesAsync("Credit policy", "Standard", ("Early-payment days", "12"));
        Assert.Equal(["Hard cap = 400,000.00; Grace period (days) = 10"], await secondPage.Locator("#pending li").AllTextContentsAsync());

        var review = await DanaReviewsAsync(first);
        Assert.Equal("1", await review.EvaluateAsync<string>("document.body.getAttribute('data-conflicts')"));
        Assert.Equal(["Hard cap", "250,000.00", "300,000.00", "400,000.00 changed since proposed"], await CellsAsync(review, "cos_hardcap"));
        Assert.Equal(["Grace period (days)", "5", "5", "10"], await CellsAsync(review, "cos_gracedays"));
        Assert.Equal("cos-conflict", await review.Locator("#comparison tr[data-column='cos_hardcap']").GetAttributeAsync("class"));
        Assert.Equal(["Early-payment days = 12"], await review.Locator("#pending li").AllTextContentsAsync());

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
    public async Task ValuesOutsideTheColumnsPrecisionOrRange_AreNamedWithTheirFiguresBeforeProposing_AndNothingIsProposed()
    {
        var frame = await CarlOpensAsync("Credit policy", "Standard");
        Assert.Equal("A number with up to 2 decimal places, from 0.00 to 100,000,000,000.00.", await frame.Locator("#hint-cos_hardcap").TextContentAsync());

        await frame.GetByLabel("Hard cap", new() { Exact = true }).FillAsync("400000.125");
        await frame.GetByLabel("Grace period (days)", new() { Exact = true }).FillAsync("2.5");
        await frame.GetByLabel("Base limit", new() { Exact = true }).FillAsync("-5");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();

        Assert.Equal(
            ["Base limit: -5.00 is below the minimum 0.00.", "Hard cap: 400000.125 has 3 decimal places; this column keeps 2.", "Grace period (days): 2.5 has 1 decimal place; this column takes whole numbers."],
            await frame.Locator("#errors li").AllTextContentsAsync());
        Assert.Equal("true", await frame.GetByLabel("Hard cap", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        Assert.Equal("Hard cap: 400000.125 has 3 decimal places; this column keeps 2.", await frame.Locator("#error-cos_hardcap").TextContentAsync());
        Assert.Contains("error-cos_hardcap", await frame.GetByLabel("Hard cap", new() { Exact = true }).GetAttributeAsync("aria-describedby") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("errors", await frame.EvaluateAsync<string>("document.activeElement.id"));
        await Screenshots.SaveIfRequestedAsync(frame.Page, "configuration-change-propose.png");

        // The summary's link takes the keyboard to the field.
        await frame.Locator("#errors a[data-column='cos_gracedays']").ClickAsync();
        Assert.Equal("proposed-cos_gracedays", await frame.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Empty(_crm.System.RetrieveMultiple(new QueryExpression(Change.EntityLogicalName) { ColumnSet = new ColumnSet(false) }).Entities);
    }

    [Fact]
    public async Task ChoicesAndYesNo_ArePickedByLabel_LookupsByName_AndTheReviewerSeesLabelsNotIdsOrNumbers()
    {
        var (_, choices) = await CarlProposesAsync("Credit policy", "Standard", ("Trusted channel", "EDI"), ("Every order needs Finance approval", "Yes"));
        Assert.Equal("cos_requiresapproval = yes\ncos_trustedchannel = 412500002",
            _crm.System.Retrieve(Change.EntityLogicalName, choices, new ColumnSet(Change.Fields.Changes)).GetAttributeValue<string>(Change.Fields.Changes));

        var watchTier = TierId("WATCH");
        var (_, lookup) = await CarlProposesAsync("Credit tier", "Watch", ("Credit policy", "Restricted"));
        Assert.Equal("cos_creditpolicyid = " + PolicyId("RESTRICTED").ToString("D"),
            _crm.System.Retrieve(Change.EntityLogicalName, lookup, new ColumnSet(Change.Fields.Changes)).GetAttributeValue<string>(Change.Fields.Changes));

        var review = await DanaReviewsAsync(choices);
        Assert.Equal(["Trusted channel", "(none)", "(none)", "EDI"], await CellsAsync(review, "cos_trustedchannel"));
        Assert.Equal(["Every order needs Finance approval", "No", "No", "Yes"], await CellsAsync(review, "cos_requiresapproval"));
        Assert.DoesNotContain("412500002", await review.Locator("#comparison").TextContentAsync() ?? string.Empty, StringComparison.Ordinal);

        var tierReview = await DanaReviewsAsync(lookup);
        Assert.Equal(["Credit policy", "Watch", "Watch", "Restricted"], await CellsAsync(tierReview, "cos_creditpolicyid"));
        var table = await tierReview.Locator("#comparison").TextContentAsync() ?? string.Empty;
        Assert.DoesNotContain(PolicyId("RESTRICTED").ToString("D"), table, StringComparison.OrdinalIgnoreCase);
        Assert.True((await ApplyAsync(tierReview)).State == "applied");
        Assert.Equal(PolicyId("RESTRICTED"), _crm.System.Retrieve("cos_credittier", watchTier, new ColumnSet("cos_creditpolicyid")).GetAttributeValue<EntityReference>("cos_creditpolicyid").Id);
    }

    [Fact]
    public async Task AtANarrowWidth_ThePageFitsWithoutSideScrolling_EveryFieldHasALabel_AndTheKeyboardReachesThem()
    {
        var shell = await _crm.OpenPageAsync(FixedIds.CreditOfficer, Page);
        await shell.Page.SetViewportSizeAsync(360, 800);
        var frame = await ReadyAsync(shell, PageControl);
        await ChooseRowAsync(frame, "Credit policy", "Standard");

        Assert.True(await frame.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The page scrolls sideways at 360 px: " + await frame.EvaluateAsync<string>("document.documentElement.scrollWidth + ' > ' + document.documentElement.clientWidth"));
        var unlabelled = await frame.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('#editor input, #editor select')).filter(function (c) { var l = document.querySelector('label[for=\"' + c.id + '\"]'); return !l || !l.textContent.trim(); }).map(function (c) { return c.id; })");
        Assert.Empty(unlabelled);
        var describedByMissing = await frame.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('[aria-describedby]')).flatMap(function (c) { return c.getAttribute('aria-describedby').split(' ').filter(function (id) { return !document.getElementById(id); }); })");
        Assert.Empty(describedByMissing);

        await frame.Locator("#table").FocusAsync();
        await shell.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("row", await frame.EvaluateAsync<string>("document.activeElement.id"));
        await shell.Page.Keyboard.PressAsync("Tab");
        await shell.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("proposed-cos_name", await frame.EvaluateAsync<string>("document.activeElement.id"));
        // The labels came from the table definitions the Web API serves, read as Carl.
        Assert.Contains(_crm.Host.Calls, call => call.Method == "GET" && call.Target.StartsWith("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes?", StringComparison.Ordinal));
        Assert.Contains(_crm.Host.Calls, call => call.Target.StartsWith("EntityDefinitions(LogicalName='cos_creditpolicy')/Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?", StringComparison.Ordinal));
        await shell.Page.Keyboard.TypeAsync("Standard terms");
        Assert.Equal(["Name: Standard → Standard terms"], await frame.Locator("#preview li").AllTextContentsAsync());
        await shell.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task ThePagesColumns_AreTheColumnsAChangeMaySet_TableByTable()
    {
        var shell = await _crm.OpenPageAsync(FixedIds.CreditOfficer, Page);
        var frame = await ReadyAsync(shell, PageControl);
        var json = await frame.EvaluateAsync<string>("JSON.stringify(creditOS.ConfigurationChange.tables)");
        var page = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json)!;

        Assert.Equal(5, page.Count);
        foreach (var table in page)
        {
            Assert.True(Changes.Holds(table.Key), table.Key);
            Assert.Equal(Changes.ColumnsOf(table.Key).OrderBy(c => c, StringComparer.Ordinal), table.Value.OrderBy(c => c, StringComparer.Ordinal));
        }
    }

    private async Task<IFrame> CarlOpensAsync(string table, string row)
    {
        var shell = await _crm.OpenPageAsync(FixedIds.CreditOfficer, Page);
        var frame = await ReadyAsync(shell, PageControl);
        await ChooseRowAsync(frame, table, row);
        return frame;
    }

    private static async Task ChooseRowAsync(IFrame frame, string table, string row)
    {
        await frame.GetByLabel("Table", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = table });
        await frame.WaitForFunctionAsync("document.getElementById('table').value === document.body.getAttribute('data-table')");
        await frame.GetByLabel("Row", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = row });
        await frame.WaitForFunctionAsync("document.body.getAttribute('data-row') === document.getElementById('row').value && document.getElementById('row').value !== ''");
    }

    private async Task<(IFrame Page, Guid Change)> CarlProposesAsync(string table, string row, params (string Column, string Value)[] values)
    {
        var frame = await CarlOpensAsync(table, row);
        foreach (var (column, value) in values)
        {
            var field = frame.GetByLabel(column, new() { Exact = true });
            if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await field.SelectOptionAsync(new SelectOptionValue { Label = value });
            }
            else
            {
                await field.FillAsync(value);
            }
        }

        await frame.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await frame.WaitForFunctionAsync("['proposed', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0");
        Assert.True(await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')") == "proposed", await frame.Locator("#message").TextContentAsync());
        return (frame, Guid.Parse(await frame.EvaluateAsync<string>("document.body.getAttribute('data-change-id')"), CultureInfo.InvariantCulture));
    }

    private async Task<IFrame> DanaReviewsAsync(Guid change)
    {
        var form = await _crm.OpenFormAsync(CrmInTheBrowser.SecondCreditAdministratorId, Change.EntityLogicalName, change);
        var frame = await ReadyAsync(form, FormControl);
        await form.AssertNoStandInFailuresAsync();
        return frame;
    }

    private static async Task<(string State, string Message)> ApplyAsync(IFrame review)
    {
        await review.Locator("#apply").ClickAsync();
        await review.WaitForFunctionAsync("['applied', 'error'].indexOf(document.body.getAttribute('data-state')) >= 0");
        return (await review.EvaluateAsync<string>("document.body.getAttribute('data-state')"), await review.Locator("#message").TextContentAsync() ?? string.Empty);
    }

    // The column's display name (its header cell without the logical name under it) and its cells.
    private static async Task<string[]> CellsAsync(IFrame review, string column)
    {
        var row = review.Locator($"#comparison tr[data-column='{column}']");
        var name = await row.Locator("th").EvaluateAsync<string>("th => th.firstChild.textContent");
        return [name, .. await row.Locator("td").AllTextContentsAsync()];
    }

    private static async Task<IFrame> ReadyAsync(FormPage page, string control)
    {
        await page.WaitUntilAsync($"(function () {{ var f = document.getElementById('{control}'); return f && f.contentDocument && f.contentDocument.body && ['ready', 'error'].indexOf(f.contentDocument.body.getAttribute('data-state')) >= 0; }})()");
        var frame = page.WebResourceFrame(control);
        Assert.True(await frame.EvaluateAsync<string>("document.body.getAttribute('data-state')") == "ready", "The page did not load: " + await frame.Locator("#message").TextContentAsync());
        return frame;
    }

    private Guid PolicyId(string code) => RowId(Policy.EntityLogicalName, "cos_code", code);

    private Guid TierId(string code) => RowId("cos_credittier", "cos_code", code);

    private Guid RowId(string table, string column, string value)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return Assert.Single(_crm.System.RetrieveMultiple(query).Entities).Id;
    }

    private T PolicyValue<T>(string column) => _crm.System.Retrieve(Policy.EntityLogicalName, _standard, new ColumnSet(column)).GetAttributeValue<T>(column);
}
