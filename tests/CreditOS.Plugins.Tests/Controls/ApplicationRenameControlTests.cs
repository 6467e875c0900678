extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Guard = plugins::CreditOS.Dataverse.Credit.Accounts.CustomerNameGuard;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using RequestFields = plugins::CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 18 (session 25), round 17's second leftover. Sam the sales rep (Write on his unit's accounts) names his
/// new account and its application after the company whose registration number he types, "Clean Company Ltd" (nobody's
/// customer; rating A, solvency 90, recommended credit 80,000.00), so the bureau's registered name confirms the applicant,
/// the report is filed on the account and the initial-limit request reaches Finance unflagged; then, while Finance decides,
/// he renames the account to his real customer "Litware Inc". A new account has no credit standing, so round 15's name
/// guard let him: Finance would decide on Clean Company's report for an account now called Litware, and once the limit was
/// approved only Finance could rename it back. Now, from submission until Finance decides, the account's name is Finance's.
/// </summary>
public sealed class ApplicationRenameControlTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotRenameHisNewAccountWhileItsApplicationIsWithFinance_SoFinanceDecidesUnderTheNameTheBureauConfirmed()
    {
        var application = env.SamEntersTheApplication();
        env.Sam.Update(Renamed("Clean Company Ltd"));
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.Name] = "Clean Company Ltd" });
        env.Submit(env.Sam, application);

        var whileSubmitted = Refused(() => env.Sam.Update(Renamed("Litware Inc")));
        Assert.Contains("its credit application 'Clean Company Ltd' is with Finance (Submitted)", whileSubmitted, StringComparison.Ordinal);

        env.BureauReports(application, solvency: 90, rating: Rating.A, recommendedCredit: 80_000m, reportId: "GB-CS-0999", companyId: "GB-CS-0999", registeredName: "Clean Company Ltd");
        var request = env.RequestOf(application);
        Assert.Null(request.GetAttributeValue<string>(RequestFields.ReasonCode));
        env.World.ForgetExecutions();

        var refusal = Refused(() => env.Sam.Update(Renamed("Litware Inc")));

        Assert.Equal(
            "The name of account 'Clean Company Ltd' cannot be changed by you now (to 'Litware Inc'): its credit application 'Clean Company Ltd' is with Finance (In assessment), "
            + "and the bureau's registered name was compared with the names the applicant was given, this account's among them; "
            + "renamed now, the account would reach Finance's decision under a name the comparison never saw. Corrections of case, punctuation or legal form are yours; "
            + "rename it after Finance decides, or ask a holder of the 'creditOS Finance Approver' role.",
            refusal);
        Assert.Equal("Clean Company Ltd", Name());

        // A correction is his; Finance decides; then the account is his to rename again (declined: no credit standing).
        env.Sam.Update(Renamed("CLEAN COMPANY LIMITED"));
        env.Decide(env.Fiona, request.Id, "Reject", "The applicant could not show it is Clean Company.");
        env.Sam.Update(Renamed("Litware Inc"));
        Assert.Equal("Litware Inc", Name());
        var runs = env.World.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CustomerNameGuardPlugin));
        Assert.Equal(3, runs.Count);
        Assert.All(runs, run => Assert.InRange(run.ServiceCalls, 0, Guard.MaximumCalls));
        Assert.Contains(runs, run => run.ServiceCalls == 0); // the correction: the same name as the comparison sees it
        Assert.Contains(runs, run => run.ServiceCalls == 1); // after the decision: no application with Finance, one query
    }

    [Fact]
    public void Fiona_RenamesTheNewAccountWhileItsApplicationIsWithHer()
    {
        var (_, _) = env.AnApplicationWithFinance();

        env.Fiona.Update(Renamed("Northwind Trading Group"));

        Assert.Equal("Northwind Trading Group", Name());
    }

    private static Entity Renamed(string name) => new(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = name };

    private string Name() =>
        env.World.Service.Retrieve(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer, new Microsoft.Xrm.Sdk.Query.ColumnSet(Account.Fields.Name)).GetAttributeValue<string>(Account.Fields.Name);
}
