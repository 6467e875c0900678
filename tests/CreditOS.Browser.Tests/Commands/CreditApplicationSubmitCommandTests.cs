extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Application = plugins::CreditOS.Dataverse.Model.CreditApplication;
using ApplicationStatus = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;
using RequestType = plugins::CreditOS.Dataverse.Model.CreditApprovalRequestType;

namespace CreditOS.Browser.Tests.Commands;

/// <summary>
/// The credit application form's "Submit for credit assessment" (RibbonDiff creditOS.CreditApplication.Submit) as Sam
/// sees it in Chromium: enabled on a draft and on an application the bureau sent back (More information needed, no
/// request yet), disabled once Finance has its initial-limit request, More information needed included (controls round
/// 20: cos_SubmitCreditApplication refuses it then). The last rule is a CustomRule (isNotWithFinance in the command's
/// library) reading cos_approvalrequestid, which the form carries read-only on its Assessment tab.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditApplicationSubmitCommandTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Submit = "Submit for credit assessment";
    private CrmInTheBrowser _crm = null!;

    public async Task InitializeAsync() => _crm = await CrmInTheBrowser.StartAsync(chromium);

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Submit_IsEnabledOnADraft_AndWhenTheBureauSentItBack_ButNotWhileFinanceHasItsInitialLimitRequest()
    {
        var draft = AnApplication("Northwind Traders Ltd", "S-3001");
        var sentBack = AnApplication("Fabrikam Ltd", "S-3002");
        MoveTo(sentBack, ApplicationStatus.Submitted, ApplicationStatus.MoreInformationNeeded);
        var withFinance = AnApplication("Litware Ltd", "S-3003");
        MoveTo(withFinance, ApplicationStatus.Submitted, ApplicationStatus.InAssessment);
        var request = AnInitialLimitRequest(withFinance);
        // Finance asked a question: the application needs more information, and the request stays with Finance.
        _crm.System.Update(new Entity(Application.EntityLogicalName, withFinance)
        {
            [Application.Fields.StatusCode] = new OptionSetValue((int)ApplicationStatus.MoreInformationNeeded),
            [Application.Fields.ApprovalRequestId] = new EntityReference(Request.EntityLogicalName, request),
        });

        var draftForm = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, draft);
        Assert.True(await draftForm.IsCommandEnabledAsync(Submit));
        await draftForm.AssertNoStandInFailuresAsync();

        var sentBackForm = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, sentBack);
        Assert.Equal(((int)ApplicationStatus.MoreInformationNeeded).ToString(System.Globalization.CultureInfo.InvariantCulture), await sentBackForm.AttributeValueAsync(Application.Fields.StatusCode));
        Assert.True(await sentBackForm.IsCommandEnabledAsync(Submit));
        await sentBackForm.AssertNoStandInFailuresAsync();

        var withFinanceForm = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, withFinance);
        Assert.Equal(((int)ApplicationStatus.MoreInformationNeeded).ToString(System.Globalization.CultureInfo.InvariantCulture), await withFinanceForm.AttributeValueAsync(Application.Fields.StatusCode));
        Assert.False(await withFinanceForm.IsCommandEnabledAsync(Submit));
        await withFinanceForm.AssertNoStandInFailuresAsync();
    }

    private Guid AnApplication(string name, string accountNumber)
    {
        var euro = _crm.System.RetrieveMultiple(new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet(false), TopCount = 1 }).Entities[0].Id;
        var account = _crm.System.Create(new Entity(Account.EntityLogicalName)
        {
            [Account.Fields.Name] = name,
            [Account.Fields.AccountNumber] = accountNumber,
            [Account.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", euro),
            [Account.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
        return _crm.System.Create(new Entity(Application.EntityLogicalName)
        {
            [Application.Fields.Name] = name,
            [Application.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account),
            [Application.Fields.TransactionCurrencyId] = new EntityReference("transactioncurrency", euro),
            [Application.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.SalesRep),
        });
    }

    /// <summary>The credit flow's moves (as SYSTEM, which only the credit flow is), one status at a time.</summary>
    private void MoveTo(Guid application, params ApplicationStatus[] statuses)
    {
        foreach (var status in statuses)
        {
            _crm.System.Update(new Entity(Application.EntityLogicalName, application) { [Application.Fields.StatusCode] = new OptionSetValue((int)status) });
        }
    }

    private Guid AnInitialLimitRequest(Guid application)
    {
        var account = _crm.System.Retrieve(Application.EntityLogicalName, application, new ColumnSet(Application.Fields.AccountId)).GetAttributeValue<EntityReference>(Application.Fields.AccountId);
        return _crm.System.Create(new Entity(Request.EntityLogicalName)
        {
            [Request.Fields.Name] = "Initial limit",
            [Request.Fields.RequestType] = new OptionSetValue((int)RequestType.InitialLimit),
            [Request.Fields.AccountId] = account,
            [Request.Fields.RequestedLimit] = new Money(25_000m),
            [Request.Fields.CreditApplicationId] = new EntityReference(Application.EntityLogicalName, application),
        });
    }
}
