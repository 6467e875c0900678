extern alias plugins;

using CreditOS.Browser.Tests.Harness;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Application = plugins::CreditOS.Dataverse.Model.CreditApplication;
using ApplicationStatus = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;
using Guard = plugins::CreditOS.Dataverse.Applications.CreditApplicationGuard;
using Request = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest;

namespace CreditOS.Browser.Tests.Forms;

/// <summary>
/// Controls round 21 (session 28): the credit application form locks what the application says once the server would
/// refuse a change of it (CreditApplicationStatuses.IsEditable, enforced by CreditApplicationGuard), instead of letting
/// Sam type and fail on save. Every column the guard holds (<see cref="Guard.ApplicantColumns"/>) is on the form; as Sam
/// (Sales Rep + Credit Readers) in Chromium, each is editable on a draft and on an application the bureau sent back (More
/// information needed, no request), and none is once it is submitted or while Finance has its initial-limit request (More
/// information needed included), where the form says why. The form's OnLoad handler (cos_/scripts/credit_application_form.js)
/// does it with the Client API's attributes, controls and setDisabled.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditApplicationFormLockTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Locked = "creditOS.CreditApplication.locked";
    private CrmInTheBrowser _crm = null!;

    public async Task InitializeAsync() => _crm = await CrmInTheBrowser.StartAsync(chromium);

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Sam_TypesWhatTheApplicationSaysOnADraftAndWhenSentBack_ButTheFormLocksItOnceSubmittedOrWithFinance()
    {
        var draft = CreditApplications.AnApplication(_crm.System, "Northwind Traders Ltd", "S-3101");
        var sentBack = CreditApplications.AnApplication(_crm.System, "Fabrikam Ltd", "S-3102");
        CreditApplications.MoveTo(_crm.System, sentBack, ApplicationStatus.Submitted, ApplicationStatus.MoreInformationNeeded);
        var submitted = CreditApplications.AnApplication(_crm.System, "Contoso Ltd", "S-3103");
        CreditApplications.MoveTo(_crm.System, submitted, ApplicationStatus.Submitted);
        var withFinance = CreditApplications.AnApplication(_crm.System, "Litware Ltd", "S-3104");
        CreditApplications.MoveTo(_crm.System, withFinance, ApplicationStatus.Submitted, ApplicationStatus.InAssessment);
        var request = CreditApplications.AnInitialLimitRequest(_crm.System, withFinance);
        // Finance asked a question: the application needs more information, and the request stays with Finance.
        _crm.System.Update(new Entity(Application.EntityLogicalName, withFinance)
        {
            [Application.Fields.StatusCode] = new OptionSetValue((int)ApplicationStatus.MoreInformationNeeded),
            [Application.Fields.ApprovalRequestId] = new EntityReference(Request.EntityLogicalName, request),
        });

        foreach (var open in new[] { draft, sentBack })
        {
            var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, open);
            foreach (var column in Guard.ApplicantColumns)
            {
                Assert.True(await form.IsColumnEditableAsync(column), $"Sam cannot type {column} on an application he may still change.");
            }

            Assert.Null(await form.FormNotificationAsync(Locked));
            await form.AssertNoStandInFailuresAsync();
        }

        var financeForm = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, withFinance);
        foreach (var column in Guard.ApplicantColumns)
        {
            Assert.False(await financeForm.IsColumnEditableAsync(column), $"Sam can type {column} while Finance has the application's request; the save would be refused.");
        }

        Assert.Contains("Answer Finance's question on the request", await financeForm.FormNotificationAsync(Locked), StringComparison.Ordinal);
        await financeForm.AssertNoStandInFailuresAsync();

        var submittedForm = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, submitted);
        foreach (var column in Guard.ApplicantColumns)
        {
            Assert.False(await submittedForm.IsColumnEditableAsync(column), $"Sam can type {column} on a submitted application; the save would be refused.");
        }

        Assert.Contains("what was submitted is what is assessed", await submittedForm.FormNotificationAsync(Locked), StringComparison.Ordinal);
        await submittedForm.AssertNoStandInFailuresAsync();
    }

    [Fact]
    public async Task Sam_SubmitsFromTheForm_AndTheReloadedFormLocksWhatTheApplicationSays()
    {
        var draft = CreditApplications.AnApplication(_crm.System, "Adventure Works Ltd", "S-3105");
        var form = await _crm.OpenFormAsync(FixedIds.SalesRep, Application.EntityLogicalName, draft);
        Assert.True(await form.IsColumnEditableAsync(Application.Fields.Name), "Sam cannot type on his draft.");

        // What the Submit command does after its Custom API call: the application is submitted and the form reloads its data
        // (formContext.data.refresh(false)); the form's OnLoad does not run again.
        CreditApplications.MoveTo(_crm.System, draft, ApplicationStatus.Submitted);
        var loadsBefore = await form.FormLoadsAsync();
        await form.Page.EvaluateAsync("() => XrmStandIn.formContext.data.refresh(false)");

        Assert.Equal(loadsBefore + 1, await form.FormLoadsAsync());
        foreach (var column in Guard.ApplicantColumns)
        {
            Assert.False(await form.IsColumnEditableAsync(column), $"Sam can type {column} after submitting from the form; the save would be refused.");
        }

        Assert.Contains("what was submitted is what is assessed", await form.FormNotificationAsync(Locked), StringComparison.Ordinal);
        await form.AssertNoStandInFailuresAsync();
    }
}
