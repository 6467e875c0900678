extern alias plugins;

using System.Globalization;
using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Playwright;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using ApprovalStatus = plugins::CreditOS.Dataverse.Model.CreditApprovalStatus;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Browser.Tests.Commands;

/// <summary>
/// The approval request form's Approve, Reject, Ask for more information and Answer Finance commands and the order
/// form's Ask Finance for an exception (cos_/scripts/credit_approval_commands.js, order_credit_exception.js) clicked in
/// Chromium by Fiona (Finance) and Sam (sales rep). The scripts call the Custom APIs through Xrm.WebApi.online.execute;
/// the comment is asked with the browser's prompt; outcomes are read from the local Dataverse.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditApprovalCommandTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private CrmInTheBrowser _crm = null!;

    public async Task InitializeAsync() => _crm = await CrmInTheBrowser.StartAsync(chromium);

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task FinanceApprover_ClicksApprove_WithAComment_TheOrderIsReleasedAndTheDecisionRecorded()
    {
        var (orderId, requestId) = AHeldOrderRoutedToFinance("A-2001");
        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Request.EntityLogicalName, requestId);
        Assert.True(await form.IsCommandEnabledAsync("Approve"));
        Assert.True(await form.IsCommandEnabledAsync("Reject"));
        Assert.True(await form.IsCommandEnabledAsync("Ask for more information"));
        Assert.False(await form.IsCommandEnabledAsync("Answer Finance"));
        var prompts = AnswerPrompts(form, "Long-standing customer; one-off for the season.");

        await form.RunCommandAsync("Approve");

        var request = Row(Request.EntityLogicalName, requestId);
        Assert.Equal((int)ApprovalStatus.Approved, Choice(request, Request.Fields.ApprovalStatus));
        Assert.Equal(FixedIds.FinanceApprover, request.GetAttributeValue<EntityReference>(Request.Fields.DecidedBy).Id);
        Assert.Equal("Long-standing customer; one-off for the season.", request.GetAttributeValue<string>(Request.Fields.DecisionComment));
        Assert.Equal((int)CreditStatus.Released, Choice(Row(SalesOrder.EntityLogicalName, orderId), SalesOrder.Fields.CreditStatus));
        Assert.Single(prompts);
        Assert.Empty(await form.DialogsAsync());
        Assert.False(await form.IsProgressIndicatorVisibleAsync());
        Assert.Equal(2, await form.FormLoadsAsync());
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task FinanceApprover_ClicksApprove_WithATemporaryLimitAndReviewDate_TheAccountHasItUntilThen()
    {
        var (orderId, requestId) = AHeldOrderRoutedToFinance("A-2011");
        // A new customer without a limit: the release asks for room for its 12,000 order, so that is the most Fiona grants.
        var reviewOn = _crm.Environment.Clock.GetUtcNow().UtcDateTime.Date.AddDays(45);
        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Request.EntityLogicalName, requestId);
        var prompts = AnswerPrompts(form, "Seasonal peak; reviewed after the season.", "12000", reviewOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        await form.RunCommandAsync("Approve");

        Assert.Equal(3, prompts.Count);
        Assert.StartsWith("Temporary limit for the customer", prompts[1], StringComparison.Ordinal);
        Assert.Empty(await form.DialogsAsync());
        var request = Row(Request.EntityLogicalName, requestId);
        Assert.Equal((int)ApprovalStatus.Approved, Choice(request, Request.Fields.ApprovalStatus));
        Assert.Equal(12_000m, request.GetAttributeValue<Money>(Request.Fields.TemporaryLimit).Value);
        var order = Row(SalesOrder.EntityLogicalName, orderId);
        Assert.Equal((int)CreditStatus.Released, Choice(order, SalesOrder.Fields.CreditStatus));
        Assert.StartsWith("Order released by Finance with a temporary limit of 12,000.00", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        var account = Row(Account.EntityLogicalName, order.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id);
        Assert.Equal(12_000m, account.GetAttributeValue<Money>(Account.Fields.TemporaryLimit).Value);
        Assert.Equal(reviewOn, account.GetAttributeValue<DateTime>(Account.Fields.TemporaryLimitExpiresOn));
        Assert.Equal(12_000m - account.GetAttributeValue<Money>(Account.Fields.Exposure).Value, account.GetAttributeValue<Money>(Account.Fields.AvailableCredit).Value);
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task FinanceApprover_GivesAReviewDateBeyondTheRoutesMaximum_TheServerRefuses_AndNothingChanges()
    {
        var (orderId, requestId) = AHeldOrderRoutedToFinance("A-2012");
        var tooLate = _crm.Environment.Clock.GetUtcNow().UtcDateTime.Date.AddDays(200);
        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Request.EntityLogicalName, requestId);
        AnswerPrompts(form, "Seasonal peak.", "12000", tooLate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        await form.RunCommandAsync("Approve");

        var dialog = Assert.Single(await form.DialogsAsync());
        Assert.Equal("error", dialog.Kind);
        Assert.Contains("allows at most 90 days", dialog.Text, StringComparison.Ordinal);
        Assert.Equal((int)ApprovalStatus.Pending, Choice(Row(Request.EntityLogicalName, requestId), Request.Fields.ApprovalStatus));
        var order = Row(SalesOrder.EntityLogicalName, orderId);
        Assert.Equal((int)CreditStatus.OnHold, Choice(order, SalesOrder.Fields.CreditStatus));
        Assert.Null(Row(Account.EntityLogicalName, order.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id).GetAttributeValue<Money>(Account.Fields.TemporaryLimit));
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task SalesRepWhoRaisedIt_ClicksApprove_TheServerRefuses_AndTheErrorDialogSaysWhy()
    {
        var (orderId, requestId) = AHeldOrderRoutedToFinance("A-2002");
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Request.EntityLogicalName, requestId);
        AnswerPrompts(form, "My customer, approve it.");

        await form.RunCommandAsync("Approve");

        var dialog = Assert.Single(await form.DialogsAsync());
        Assert.Equal("error", dialog.Kind);
        Assert.StartsWith("The decision was not recorded: ", dialog.Text, StringComparison.Ordinal);
        Assert.Contains("segregation of duties", dialog.Text, StringComparison.Ordinal);
        Assert.Equal((int)ApprovalStatus.Pending, Choice(Row(Request.EntityLogicalName, requestId), Request.Fields.ApprovalStatus));
        Assert.Equal((int)CreditStatus.OnHold, Choice(Row(SalesOrder.EntityLogicalName, orderId), SalesOrder.Fields.CreditStatus));
        Assert.Equal(1, await form.FormLoadsAsync());
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task FinanceApprover_RejectsWithoutAComment_IsRefused_ThenRejectsWithOne()
    {
        var (orderId, requestId) = AHeldOrderRoutedToFinance("A-2003");
        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Request.EntityLogicalName, requestId);
        AnswerPrompts(form, string.Empty, "Two invoices 60 days overdue.");

        await form.RunCommandAsync("Reject");
        var refused = Assert.Single(await form.DialogsAsync());
        Assert.Contains("needs a comment", refused.Text, StringComparison.Ordinal);
        Assert.Equal((int)ApprovalStatus.Pending, Choice(Row(Request.EntityLogicalName, requestId), Request.Fields.ApprovalStatus));
        await form.RunCommandAsync("Reject");

        Assert.Equal((int)ApprovalStatus.Rejected, Choice(Row(Request.EntityLogicalName, requestId), Request.Fields.ApprovalStatus));
        var order = Row(SalesOrder.EntityLogicalName, orderId);
        Assert.Equal((int)CreditStatus.Rejected, Choice(order, SalesOrder.Fields.CreditStatus));
        Assert.Contains("Two invoices 60 days overdue.", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task FinanceAsksForMoreInformation_TheRepAnswersFromTheForm_AndTheRequestIsBackWithFinance()
    {
        var (_, requestId) = AHeldOrderRoutedToFinance("A-2004");
        var finance = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Request.EntityLogicalName, requestId);
        AnswerPrompts(finance, "Is the new warehouse financed?");
        await finance.RunCommandAsync("Ask for more information");
        Assert.Equal((int)ApprovalStatus.MoreInformationRequested, Choice(Row(Request.EntityLogicalName, requestId), Request.Fields.ApprovalStatus));

        var rep = await _crm.OpenFormAsync(FixedIds.SalesRep, Request.EntityLogicalName, requestId);
        Assert.True(await rep.IsCommandEnabledAsync("Answer Finance"));
        Assert.False(await rep.IsCommandEnabledAsync("Approve"));
        AnswerPrompts(rep, "Yes, by a bank loan signed in December.");
        await rep.RunCommandAsync("Answer Finance");

        var answered = Row(Request.EntityLogicalName, requestId);
        Assert.Equal((int)ApprovalStatus.InformationProvided, Choice(answered, Request.Fields.ApprovalStatus));
        Assert.Equal("Is the new warehouse financed?", answered.GetAttributeValue<string>(Request.Fields.InformationRequest));
        Assert.Equal("Yes, by a bank loan signed in December.", answered.GetAttributeValue<string>(Request.Fields.InformationResponse));
        Assert.Empty(await rep.DialogsAsync());
        await finance.AssertNoStandInFailuresAsync();
        await rep.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task DecidedRequest_ShowsNoDecisionCommandsEnabled()
    {
        var (_, requestId) = AHeldOrderRoutedToFinance("A-2005");
        _crm.Environment.As(FixedIds.FinanceApprover).Execute(new OrganizationRequest("cos_DecideCreditApproval")
        {
            ["Target"] = new EntityReference(Request.EntityLogicalName, requestId),
            ["Decision"] = "Approve",
            ["Comment"] = "Done before the form opened.",
        });

        var form = await _crm.OpenFormAsync(FixedIds.FinanceApprover, Request.EntityLogicalName, requestId);

        Assert.False(await form.IsCommandEnabledAsync("Approve"));
        Assert.False(await form.IsCommandEnabledAsync("Reject"));
        Assert.False(await form.IsCommandEnabledAsync("Ask for more information"));
        await form.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task SalesRep_AsksForAnExceptionFromARefusedOrder_ItIsHeldAndRoutedToFinance()
    {
        var account = AnAccount("A-2006");
        _crm.System.Update(new Entity(Account.EntityLogicalName, account)
        {
            [Account.Fields.IsSuspended] = true,
            [Account.Fields.SuspensionReason] = "a court judgment was reported by the bureau",
        });
        var orderId = SamEntersAnOrder(account, 2_000m);
        Assert.Equal((int)CreditStatus.Refused, Choice(Row(SalesOrder.EntityLogicalName, orderId), SalesOrder.Fields.CreditStatus));
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, SalesOrder.EntityLogicalName, orderId);
        Assert.True(await form.IsCommandEnabledAsync("Ask Finance for an exception"));
        AnswerPrompts(form, "The judgment was paid; the customer sends the court's receipt.");

        await form.RunCommandAsync("Ask Finance for an exception");

        var order = Row(SalesOrder.EntityLogicalName, orderId);
        Assert.Equal((int)CreditStatus.OnHold, Choice(order, SalesOrder.Fields.CreditStatus));
        Assert.StartsWith("Exception requested by the sales rep: The judgment was paid", order.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
        var request = Assert.Single(RequestsFor(orderId));
        Assert.Equal((int)ApprovalStatus.Pending, Choice(request, Request.Fields.ApprovalStatus));
        Assert.Empty(await form.DialogsAsync());
        await form.AssertNoStandInFailuresAsync();
    }

    /// <summary>Answers the browser's prompts in order (an empty text is OK with nothing typed); returns the prompts seen.</summary>
    private static List<string> AnswerPrompts(FormPage form, params string[] answers)
    {
        var seen = new List<string>();
        var queue = new Queue<string>(answers);
        form.Page.Dialog += async (_, dialog) =>
        {
            if (dialog.Type != DialogType.Prompt || queue.Count == 0)
            {
                await dialog.DismissAsync();
                return;
            }

            seen.Add(dialog.Message);
            await dialog.AcceptAsync(queue.Dequeue());
        };
        return seen;
    }

    /// <summary>
    /// Sam enters an order for a new customer credit management has put on hold (starter terms alone would only make
    /// it await prepayment); the order check holds it and the solution's process routes it to Finance.
    /// </summary>
    private (Guid OrderId, Guid RequestId) AHeldOrderRoutedToFinance(string number)
    {
        var account = AnAccount(number);
        _crm.System.Update(new Entity(Account.EntityLogicalName, account) { [Account.Fields.CreditOnHold] = true });
        var orderId = SamEntersAnOrder(account, 12_000m);
        Assert.Equal((int)CreditStatus.OnHold, Choice(Row(SalesOrder.EntityLogicalName, orderId), SalesOrder.Fields.CreditStatus));
        return (orderId, Assert.Single(RequestsFor(orderId)).Id);
    }

    private Guid AnAccount(string number)
    {
        var euro = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id;
        return _crm.System.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = "Customer " + number,
            [Account.Fields.AccountNumber] = number,
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", euro),
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
    }

    private Guid SamEntersAnOrder(Guid account, decimal amount)
    {
        var euro = _crm.System.Retrieve(Account.EntityLogicalName, account, new ColumnSet(Account.Fields.TransactionCurrencyId)).GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId);
        return _crm.Environment.As(FixedIds.SalesRep).Create(new Entity(SalesOrder.EntityLogicalName)
        {
            [SalesOrder.Fields.Name] = "SO for " + account.ToString()[..8],
            [SalesOrder.Fields.CustomerId] = new EntityReference(Account.EntityLogicalName, account),
            [SalesOrder.Fields.TotalAmount] = new Money(amount),
            [SalesOrder.Fields.TransactionCurrencyId] = euro,
        });
    }

    private List<Entity> RequestsFor(Guid orderId)
    {
        var query = new QueryExpression(Request.EntityLogicalName) { ColumnSet = new ColumnSet(Request.Fields.ApprovalStatus) };
        query.Criteria.AddCondition(Request.Fields.SalesOrderId, ConditionOperator.Equal, orderId);
        return [.. _crm.System.RetrieveMultiple(query).Entities];
    }

    private Entity Row(string table, Guid id) => _crm.System.Retrieve(table, id, new ColumnSet(true));

    private static int Choice(Entity row, string column) => row.GetAttributeValue<OptionSetValue>(column).Value;
}
