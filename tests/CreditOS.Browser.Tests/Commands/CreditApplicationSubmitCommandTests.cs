extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Application = plugins::CreditOS.Dataverse.Model.CreditApplication;
using ApplicationStatus = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;

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
        var draft = CreditApplications.AnApplication(_crm.System, "Northwind Traders Ltd", "S-3001");
        var sentBack = CreditApplications.AnApplication(_crm.System, "Fabrikam Ltd", "S-3002");
        CreditApplications.MoveTo(_crm.System, sentBack, ApplicationStatus.Submitted, ApplicationStatus.MoreInformationNeeded);
        var withFinance = CreditApplications.AnApplication(_crm.System, "Litware Ltd", "S-3003");
        CreditApplications.MoveTo(_crm.System, withFinance, ApplicationStatus.Submitted, ApplicationStatus.InAssessment);
        var request = CreditApplications.AnInitialLimitRequest(_crm.System, withFinance);
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
}
