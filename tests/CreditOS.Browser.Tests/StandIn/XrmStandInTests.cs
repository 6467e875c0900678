extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Browser.Tests.StandIn;

/// <summary>
/// The Xrm stand-in behaves as the Client API does where it is implemented (result and error shapes, the signed-in
/// person's privileges) and fails loudly where it is not.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class XrmStandInTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private CrmInTheBrowser _crm = null!;
    private Guid _account;

    public async Task InitializeAsync()
    {
        _crm = await CrmInTheBrowser.StartAsync(chromium);
        _account = _crm.System.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = "Stand-in Ltd",
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
    }

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task AnUnimplementedMember_Throws_AndIsRecordedAsAFailure()
    {
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _account);

        var thrown = await Assert.ThrowsAsync<PlaywrightException>(() => form.Page.EvaluateAsync("Xrm.Navigation.openForm({ entityName: 'account' })"));

        Assert.Contains("Xrm.Navigation.openForm is not implemented", thrown.Message, StringComparison.Ordinal);
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(form.AssertNoStandInFailuresAsync);
        Assert.Contains("Xrm.Navigation.openForm", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetrieveRecord_OfAMissingRow_RejectsWithThePositiveDecimalErrorCode_AndDataversesMessage()
    {
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _account);
        var missing = Guid.NewGuid();

        var error = await form.EvaluateJsonAsync<ErrorShape>(
            $"Xrm.WebApi.retrieveRecord('account', '{missing:D}', '?$select=name').then(function () {{ return null; }}, function (e) {{ return {{ errorCode: e.errorCode, message: e.message }}; }})");

        Assert.Equal(0x80040217L, error.ErrorCode);
        Assert.Contains(missing.ToString("D"), error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RetrieveMultipleRecords_ReturnsEntitiesAndNextLink_AndReadsAsTheSignedInPerson()
    {
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _account);

        var page = await form.EvaluateJsonAsync<PageShape>(
            "Xrm.WebApi.retrieveMultipleRecords('account', '?$select=name', 1).then(function (r) { return { count: r.entities.length, name: r.entities[0].name, hasNext: r.nextLink !== undefined }; })");
        var whoAmI = await form.Page.EvaluateAsync<string>("Xrm.Utility.getGlobalContext().userSettings.userId");

        Assert.Equal(1, page.Count);
        Assert.Equal("Stand-in Ltd", page.Name);
        Assert.False(page.HasNext);
        Assert.Equal("{" + FixedIds.SalesRep.ToString("D").ToUpperInvariant() + "}", whoAmI);
        Assert.Contains(_crm.Host.Calls, call => call.Method == "GET" && call.Target.StartsWith("accounts?$select=name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateRecord_WithoutThePrivilege_RejectsWithDataversesMissingPrivilegeCode()
    {
        // A table the rep reads but may not write and on which no creditOS step runs: a configuration table such as
        // cos_credittier would answer the in-force guard's refusal first, as PreValidation runs before the privilege check.
        var currency = _crm.System.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("transactioncurrency") { TopCount = 1 }).Entities[0].Id;
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Account.EntityLogicalName, _account);

        var error = await form.EvaluateJsonAsync<ErrorShape>(
            "Xrm.WebApi.updateRecord('transactioncurrency', '" + currency.ToString("D") + "', { currencyname: 'Rep dollars' }).then(function () { return null; }, function (e) { return { errorCode: e.errorCode, message: e.message }; })");

        Assert.NotNull(error);
        Assert.Equal(0x80040220L, error.ErrorCode);
        Assert.Contains("prvWriteTransactionCurrency", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    public sealed record ErrorShape(long ErrorCode, string Message);

    public sealed record PageShape(int Count, string Name, bool HasNext);
}
