extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Applications;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AppTable = plugins::CreditOS.Dataverse.Model.CreditApplication;
using Bureau = plugins::CreditOS.Dataverse.Model.BureauReport;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 21 (session 28), left open since round 17: a bureau report the worker filed on no account (the bureau's
/// registered name did not confirm the applicant, so it may be another company's) was readable by every Sales Rep in the
/// worker's business unit, since the role read reports at Local depth and the worker's application user owned them all.
/// Sam applied for "Litware Inc" under Clean Company's registration number; the held report (Clean Company Ltd, rating A,
/// solvency 90, recommended credit 80,000.00) is on no account, and Sam read its figures by its id (the application's
/// lookup names it), by a query, through a link from his own application and in an aggregate. Now the Sales Rep role reads
/// reports at Basic depth and the credit flow gives each report filed on an account to the account's owner (in the update
/// that records our figures on it: no call added); reassigning the account takes its reports along (CascadeAssign). Sam
/// reads his own customer's report as before; Fiona (Global) reads both.
/// </summary>
public sealed class HeldBureauReportReadControlTests : IDisposable
{
    private readonly CreditApplicationWorld env = new();

    public void Dispose() => env.Dispose();

    [Fact]
    public void Sam_CannotReadAHeldReport_ByItsId_ByAQuery_ThroughALinkFromHisApplication_NorInAnAggregate_WhileFionaReadsIt()
    {
        var application = env.SamEntersTheApplication();
        env.Sam.Update(new Entity(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer) { [Account.Fields.Name] = "Litware Inc" });
        env.Sam.Update(new Entity(AppTable.EntityLogicalName, application) { [AppTable.Fields.Name] = "Litware Inc" });
        env.Submit(env.Sam, application);
        env.BureauReports(application, solvency: 90, rating: Rating.A, recommendedCredit: 80_000m, reportId: "GB-CS-0999", companyId: "GB-CS-0999", registeredName: "Clean Company Ltd");
        var held = env.Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.BureauReportId).Id;
        Assert.Null(env.World.Service.Retrieve(Bureau.EntityLogicalName, held, new ColumnSet(Bureau.Fields.AccountId)).GetAttributeValue<EntityReference>(Bureau.Fields.AccountId));

        var byId = Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Retrieve(Bureau.EntityLogicalName, held, new ColumnSet(Bureau.Fields.SolvencyScore)));
        // 0x80048306: Dataverse's record-level access check (SecLib::AccessCheckEx) refusing a row the caller's depth does not reach.
        Assert.Equal(unchecked((int)0x80048306), byId.Detail.ErrorCode);

        var byQuery = new QueryExpression(Bureau.EntityLogicalName) { ColumnSet = new ColumnSet(Bureau.Fields.SolvencyScore) };
        byQuery.Criteria.AddCondition(Bureau.Fields.BureauReportId, ConditionOperator.Equal, held);
        Assert.Empty(env.Sam.RetrieveMultiple(byQuery).Entities);

        // His own application, joined to the report it names: an inner join on the held report's figures finds nothing,
        // an outer one returns the application without them.
        Assert.Empty(env.Sam.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='cos_creditapplication'><attribute name='cos_name' />"
            + "<link-entity name='cos_bureaureport' from='cos_bureaureportid' to='cos_bureaureportid' link-type='inner' alias='report'>"
            + "<filter><condition attribute='cos_solvencyscore' operator='ge' value='90' /></filter></link-entity></entity></fetch>")).Entities);
        var outer = Assert.Single(env.Sam.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='cos_creditapplication'><attribute name='cos_name' />"
            + "<link-entity name='cos_bureaureport' from='cos_bureaureportid' to='cos_bureaureportid' link-type='outer' alias='report'>"
            + "<attribute name='cos_solvencyscore' /><attribute name='cos_recommendedcredit' /></link-entity></entity></fetch>")).Entities);
        Assert.False(outer.Contains("report.cos_solvencyscore"), "Sam read the held report's solvency through his application");
        Assert.False(outer.Contains("report.cos_recommendedcredit"), "Sam read the held report's recommended credit through his application");

        var count = Assert.Single(env.Sam.RetrieveMultiple(new FetchExpression(
            "<fetch aggregate='true'><entity name='cos_bureaureport'><attribute name='cos_bureaureportid' alias='n' aggregate='count' />"
            + "<filter><condition attribute='cos_solvencyscore' operator='ge' value='90' /></filter></entity></fetch>")).Entities);
        Assert.Equal(0, count.GetAttributeValue<AliasedValue>("n").Value);

        Assert.Equal(90, env.Fiona.Retrieve(Bureau.EntityLogicalName, held, new ColumnSet(Bureau.Fields.SolvencyScore)).GetAttributeValue<int>(Bureau.Fields.SolvencyScore));
    }

    [Fact]
    public void Sam_ReadsTheReportOfTheCustomerHeOwns_WhichFollowsTheAccountWhenItIsReassigned()
    {
        var (application, _) = env.AnApplicationWithFinance();
        var report = env.Application(application).GetAttributeValue<EntityReference>(AppTable.Fields.BureauReportId).Id;

        Assert.Equal(78, env.Sam.Retrieve(Bureau.EntityLogicalName, report, new ColumnSet(Bureau.Fields.SolvencyScore)).GetAttributeValue<int>(Bureau.Fields.SolvencyScore));
        Assert.Equal(FixedIds.SalesRep, Owner(report).Id);

        // An administrator gives the customer to Fiona (no creditOS role assigns accounts): the report goes with it.
        env.World.Service.Execute(new Microsoft.Crm.Sdk.Messages.AssignRequest
        {
            Target = new EntityReference(Account.EntityLogicalName, CreditApplicationWorld.NewCustomer),
            Assignee = new EntityReference("systemuser", FixedIds.FinanceApprover),
        });

        Assert.Equal(FixedIds.FinanceApprover, Owner(report).Id);
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => env.Sam.Retrieve(Bureau.EntityLogicalName, report, new ColumnSet(Bureau.Fields.SolvencyScore)));
    }

    private EntityReference Owner(Guid report) =>
        env.World.Service.Retrieve(Bureau.EntityLogicalName, report, new ColumnSet(Bureau.Fields.OwnerId)).GetAttributeValue<EntityReference>(Bureau.Fields.OwnerId);
}
