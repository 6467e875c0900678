extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Browser.Tests.Commands;

/// <summary>
/// The account form's Rescore command (cos_/scripts/account_rescore.js, RibbonDiff creditOS.Account.Rescore) run in
/// Chromium by the sales rep: the script calls the bound Custom API cos_RescoreAccount through Xrm.WebApi.online.execute,
/// the real RescoreAccountPlugin scores the customer in the local Dataverse, and the form refreshes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountRescoreCommandTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private CrmInTheBrowser _crm = null!;

    public async Task InitializeAsync() => _crm = await CrmInTheBrowser.StartAsync(chromium);

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task SalesRepClicksRescore_TheCustomerIsScored_AndTheFormShowsTheNewScores()
    {
        var account = AnAccountWithPaidInvoices("R-1001");
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, account);
        Assert.True(await form.IsCommandEnabledAsync("Rescore"));
        var scoredBefore = await form.AttributeValueAsync(Account.Fields.LastScoredOn);
        _crm.Environment.Clock.Advance(TimeSpan.FromDays(1));
        var clickedAt = _crm.Environment.Clock.GetUtcNow().UtcDateTime;

        await form.RunCommandAsync("Rescore");

        var scored = _crm.System.Retrieve(Account.EntityLogicalName, account, new ColumnSet(Account.Fields.LastScoredOn));
        Assert.Equal(clickedAt, scored.GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn));
        Assert.Empty(await form.DialogsAsync());
        Assert.False(await form.IsProgressIndicatorVisibleAsync());
        // The script refreshed the form: it read the record again and shows the scoring time Dataverse now holds.
        Assert.Equal(2, await form.FormLoadsAsync());
        Assert.NotEqual(scoredBefore, await form.AttributeValueAsync(Account.Fields.LastScoredOn));
        Assert.Equal(clickedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), await form.AttributeValueAsync(Account.Fields.LastScoredOn));
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task RescoreRefusedByDataverse_ShowsTheServersMessageInAnErrorDialog_AndClosesTheProgressIndicator()
    {
        // An account nothing points at yet: Dataverse refuses to delete one its receivables still reference (Restrict).
        var account = AnAccount("R-1002");
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, account);
        // The row goes away between opening the form and clicking: Dataverse answers 404 with its error body.
        _crm.System.Delete(Account.EntityLogicalName, account);

        await form.RunCommandAsync("Rescore");

        var dialog = Assert.Single(await form.DialogsAsync());
        Assert.Equal("error", dialog.Kind);
        Assert.StartsWith("The customer could not be rescored: ", dialog.Text, StringComparison.Ordinal);
        Assert.Contains(account.ToString("D"), dialog.Text, StringComparison.OrdinalIgnoreCase);
        Assert.False(await form.IsProgressIndicatorVisibleAsync());
        Assert.Equal(1, await form.FormLoadsAsync());
        await form.AssertNoStandInFailuresAsync();
    }

    private Guid AnAccount(string number) => _crm.System.Create(new Entity(Account.EntityLogicalName)
    {
        [Account.Fields.Name] = "Customer " + number,
        [Account.Fields.AccountNumber] = number,
        [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", Euro()),
        [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
    });

    private Guid Euro() => _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id;

    private Guid AnAccountWithPaidInvoices(string number)
    {
        var euro = Euro();
        var account = AnAccount(number);
        var today = _crm.Environment.Clock.GetUtcNow().UtcDateTime.Date;
        for (var invoice = 1; invoice <= 3; invoice++)
        {
            var issued = today.AddDays(-40 - (invoice * 7));
            var erpId = $"INV-{number}-{invoice:D2}";
            _crm.System.Create(new Entity(Receivable.EntityLogicalName)
            {
                [Receivable.Fields.InvoiceNumber] = erpId,
                [Receivable.Fields.SourceSystem] = "ERP",
                [Receivable.Fields.ErpId] = erpId,
                [Receivable.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
                [Receivable.Fields.InvoiceDate] = issued,
                [Receivable.Fields.DueDate] = issued.AddDays(30),
                [Receivable.Fields.Amount] = new Money(4_000m * invoice),
                [Receivable.Fields.OpenAmount] = new Money(0m),
                [Receivable.Fields.SettledOn] = issued.AddDays(28 + invoice),
                [Receivable.Fields.DaysLate] = Math.Max(0, invoice - 2),
                [Receivable.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", euro),
            });
        }

        return account;
    }
}
