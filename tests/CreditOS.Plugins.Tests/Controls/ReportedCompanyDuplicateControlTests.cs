extern alias plugins;

using System.Globalization;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Assessment = plugins::CreditOS.Dataverse.Applications.ApplicationAssessment;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using Status = plugins::CreditOS.Dataverse.Model.CreditApplicationStatus;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 17 (session 24), round 16's third leftover: names are evidence. Clean Company Ltd is a customer Finance
/// keeps on prepayment (no limit), onboarded before the assessment wrote the bureau's company id on an account: its bureau
/// report (company GB-CS-0999) is on file, none of its numbers. Sam (Create on accounts, Create/Write on his applications)
/// enters a new account and its application both named "Clean Company Ltd" under the company's registration number. Before:
/// the bureau's registered name agreed with both names (no identity flag), the customer has no numbers and no credit
/// standing (no duplicate found or flagged), so Finance got an unflagged initial-limit request on the company's clean
/// figures for a second account of a company it had put on prepayment, and the new account took the company's bureau id.
/// Now the company's reports on file for another account identify it (engine <c>ApplicationSubject.SameCompanyByReport</c>,
/// <c>CompanyReportsOnFile</c>): More information needed naming that customer, no request.
/// </summary>
public sealed class ReportedCompanyDuplicateControlTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_NamingANewAccountAndItsApplicationAfterACustomerWhoseBureauReportIsOnFile_IsRefusedAtTheAssessment_NoRequestNoCompanyId()
    {
        AnAccount().Named("Clean Company Ltd").WithLimit(0).Create(env.World.Service);
        var onFile = ABureauReport().ReportedDaysAgo(40).Build();
        var onFileId = "GB-CS-0999-" + CreditTestIds.Today.AddDays(-40).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        onFile[Bureau.Fields.ExternalId] = onFileId;
        env.World.Service.Create(onFile);
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Clean Company Ltd" });
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.Name] = "Clean Company Ltd" });
        env.Submit(env.Sam, application);
        env.World.ForgetExecutions();

        env.BureauReports(
            application, solvency: 90, rating: Rating.A, recommendedCredit: 80_000m,
            reportId: "GB-CS-0999-" + CreditTestIds.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture), companyId: "GB-CS-0999", registeredName: "Clean Company Ltd");

        var assess = Assert.Single(env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.AssessCreditApplicationPlugin)));
        Assert.True(assess.ServiceCalls <= Assessment.ReportCalls, "assess made " + assess.ServiceCalls);
        var refused = env.Application(application);
        Assert.Equal((int)Status.MoreInformationNeeded, CreditApplicationWorld.Status(refused));
        Assert.Null(refused.GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
        Assert.StartsWith(
            "Credit application 'Clean Company Ltd' names Clean Company Ltd, but the company it applies for (bureau company GB-CS-0999, whose bureau report " + onFileId
            + " is on file for that customer) is already the customer Clean Company Ltd (credit limit 0.00, exposure 0.00, overdue 0.00).",
            refused.GetAttributeValue<string>(AppTable.Fields.StatusMessage),
            StringComparison.Ordinal);
        Assert.Null(env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<string>(Account.Fields.BureauConnectId));
        Assert.Equal(0m, env.World.Account(CreditApplicationWorld.NewCustomer).GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m);
    }

    [Fact]
    public void AReportOfACompanyWhoseIdOnlyBeginsTheSame_DoesNotStopAGenuineApplication()
    {
        AnAccount().Named("Clean Company Ltd").WithLimit(0).Create(env.World.Service);
        var onFile = ABureauReport().ReportedDaysAgo(40).Build();
        onFile[Bureau.Fields.ExternalId] = "GB-CS-0999-7-" + CreditTestIds.Today.AddDays(-40).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        env.World.Service.Create(onFile);
        var application = env.SamEntersTheApplication();
        env.Submit(env.Sam, application);

        env.BureauReports(application, companyId: "GB-CS-0999", reportId: "GB-CS-0999-" + CreditTestIds.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

        Assert.Equal((int)Status.InAssessment, CreditApplicationWorld.Status(env.Application(application)));
        Assert.NotNull(env.Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.ApprovalRequestId));
    }
}
