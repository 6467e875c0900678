extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Alert = plugins::CreditOS.Dataverse.Model.CreditAlert;
using AlertType = plugins::CreditOS.Dataverse.Model.CreditAlertType;
using Criterion = plugins::CreditOS.Dataverse.Model.BureauAlertRuleCriterion;
using Group = plugins::CreditOS.Dataverse.Model.CustomerGroup;
using Rating = plugins::CreditOS.Dataverse.Model.BureauReportRating;
using Rule = plugins::CreditOS.Dataverse.Model.BureauAlertRule;
using Severity = plugins::CreditOS.Dataverse.Model.AlertSeverityChoice;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Bureau alert rules per criterion and segment, as the people through the local Dataverse with every plug-in active:
/// the shipped rules are the environment's configuration rows; Carl the credit administrator tunes them (Sam the sales
/// rep cannot); a bureau report crossing a segment's threshold raises exactly one alert with the figures, once, and
/// another segment's threshold does not fire.
/// </summary>
public sealed class BureauAlertRuleTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public BureauAlertRuleTests()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(50_000).Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Fabrikam Small").WithLimit(50_000).Create(world.Service);
        InGroup(CreditTestIds.Customer, Group.KeyAccount);
        InGroup(CreditTestIds.SecondCustomer, Group.SmallBusiness);

        // The solution's configuration data: the shipped bureau alert rules as rows.
        foreach (var row in plugins::CreditOS.Dataverse.Credit.Configuration.BureauAlertRuleRecords.SeedRows(plugins::CreditOS.CreditEngine.Alerts.AlertRules.Default))
        {
            world.Service.Create(row);
        }
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void ACreditAdministratorsKeyAccountThreshold_RaisesExactlyOneAlert_WithTheFigures_AndOnlyForKeyAccounts()
    {
        CarlAddsRule("Key accounts: solvency below 50", Criterion.SolvencyBelow, 50m, Group.KeyAccount, Severity.Critical);
        ABureauReport().For(CreditTestIds.Customer).WithSolvency(55).ReportedDaysAgo(2).Create(world.Service);
        ABureauReport().For(CreditTestIds.SecondCustomer).WithSolvency(55).ReportedDaysAgo(2).Create(world.Service);
        Assert.Empty(Alerts(CreditTestIds.Customer));

        ABureauReport().For(CreditTestIds.Customer).WithSolvency(48).ReportedDaysAgo(1).Create(world.Service);
        ABureauReport().For(CreditTestIds.SecondCustomer).WithSolvency(48).ReportedDaysAgo(1).Create(world.Service);

        var alert = Assert.Single(Alerts(CreditTestIds.Customer));
        Assert.Equal((int)AlertType.BureauDeterioration, alert.GetAttributeValue<OptionSetValue>(Alert.Fields.AlertType).Value);
        Assert.Equal((int)Severity.Critical, alert.GetAttributeValue<OptionSetValue>(Alert.Fields.Severity).Value);
        Assert.Equal(50m, alert.GetAttributeValue<decimal>(Alert.Fields.Threshold));
        Assert.Equal(50_000m, alert.GetAttributeValue<Money>(Alert.Fields.CreditLimit).Value);
        Assert.Equal(
            "The bureau report of " + CreditTestIds.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + " gives a solvency score of 48 of 100 (was 55), below the alert level of 50 (rule for KeyAccount customers, critical).",
            alert.GetAttributeValue<string>(Alert.Fields.Message));
        Assert.Empty(Alerts(CreditTestIds.SecondCustomer));

        // Still below 50 the next day: the same occurrence, no second alert.
        ABureauReport().For(CreditTestIds.Customer).WithSolvency(46).ReportedDaysAgo(0).Create(world.Service);

        Assert.Single(Alerts(CreditTestIds.Customer));
    }

    [Fact]
    public void ASolvencyThatRecovers_ClosesTheAlertOnce_WithTheRecoveringFigureInItsClosingNote()
    {
        CarlAddsRule("Key accounts: solvency below 50", Criterion.SolvencyBelow, 50m, Group.KeyAccount, Severity.Critical);
        ABureauReport().For(CreditTestIds.Customer).WithSolvency(55).ReportedDaysAgo(4).Create(world.Service);
        ABureauReport().For(CreditTestIds.Customer).WithSolvency(48).ReportedDaysAgo(3).Create(world.Service);
        Assert.Equal(0, Assert.Single(Alerts(CreditTestIds.Customer)).GetAttributeValue<OptionSetValue>("statecode").Value);

        ABureauReport().For(CreditTestIds.Customer).WithSolvency(62).ReportedDaysAgo(2).Create(world.Service);

        var closed = Assert.Single(Alerts(CreditTestIds.Customer));
        Assert.Equal(1, closed.GetAttributeValue<OptionSetValue>("statecode").Value);
        var note = "Recovered: the bureau report of " + CreditTestIds.Today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            + " gives a solvency score of 62 of 100 (was 48), back at or above the alert level of 50.";
        Assert.Equal(note, closed.GetAttributeValue<string>(Alert.Fields.ClosingNote));
        var closedOn = closed.GetAttributeValue<DateTime>("modifiedon");

        // Still above 50: nothing left to close, the note stays as written (once).
        world.Context.Clock.Advance(TimeSpan.FromHours(1));
        ABureauReport().For(CreditTestIds.Customer).WithSolvency(55).ReportedDaysAgo(1).Create(world.Service);

        var after = Assert.Single(Alerts(CreditTestIds.Customer));
        Assert.Equal(note, after.GetAttributeValue<string>(Alert.Fields.ClosingNote));
        Assert.Equal(closedOn, after.GetAttributeValue<DateTime>("modifiedon"));

        // A new crossing is a new alert, open, beside the closed one (a fall of 7, under the shipped 10-point drop rule).
        ABureauReport().For(CreditTestIds.Customer).WithSolvency(48).ReportedDaysAgo(0).Create(world.Service);

        Assert.Equal([0, 1], Alerts(CreditTestIds.Customer).Select(a => a.GetAttributeValue<OptionSetValue>("statecode").Value).Order().ToArray());
    }

    [Fact]
    public void AJudgmentAlert_IsAnEvent_AndIsNotClosedByALaterCleanReport()
    {
        ABureauReport().For(CreditTestIds.SecondCustomer).WithSolvency(80).ReportedDaysAgo(3).Create(world.Service);
        ABureauReport().For(CreditTestIds.SecondCustomer).WithSolvency(80).WithJudgments(1).ReportedDaysAgo(2).Create(world.Service);

        ABureauReport().For(CreditTestIds.SecondCustomer).WithSolvency(80).ReportedDaysAgo(1).Create(world.Service);

        var alert = Assert.Single(Alerts(CreditTestIds.SecondCustomer));
        Assert.Equal(0, alert.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Null(alert.GetAttributeValue<string>(Alert.Fields.ClosingNote));
    }

    [Fact]
    public void TheShippedRules_RaiseTheRatingAndJudgmentAlerts_ForEverySegment()
    {
        ABureauReport().For(CreditTestIds.SecondCustomer).Rated(Rating.B).ReportedDaysAgo(2).Create(world.Service);

        ABureauReport().For(CreditTestIds.SecondCustomer).Rated(Rating.C).WithSolvency(80).WithJudgments(1).ReportedDaysAgo(1).Create(world.Service);

        var alerts = Alerts(CreditTestIds.SecondCustomer).Select(a => a.GetAttributeValue<string>(Alert.Fields.Message)).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, m => m.Contains("downgrades the customer from B to C", StringComparison.Ordinal));
        Assert.Contains(alerts, m => m.Contains("shows 1 judgment(s), 1 new since the previous report (0)", StringComparison.Ordinal));
    }

    [Fact]
    public void ADeactivatedRule_NoLongerFires_AndRecommendedCreditBelowOurLimitFiresOnTheCrossing()
    {
        var downgrade = world.Context.As(FixedIds.CreditOfficer).RetrieveMultiple(RulesOf(Criterion.RatingDowngrade)).Entities.Single();
        world.Context.As(FixedIds.CreditOfficer).Update(new Entity(Rule.EntityLogicalName, downgrade.Id)
        {
            [Rule.Fields.StateCode] = new OptionSetValue(1),
            [Rule.Fields.StatusCode] = new OptionSetValue(2),
        });
        ABureauReport().For(CreditTestIds.Customer).Rated(Rating.B).RecommendingCredit(60_000m).ReportedDaysAgo(2).Create(world.Service);

        ABureauReport().For(CreditTestIds.Customer).Rated(Rating.C).RecommendingCredit(20_000m).ReportedDaysAgo(1).Create(world.Service);

        var alert = Assert.Single(Alerts(CreditTestIds.Customer));
        Assert.Contains("recommends USD 20,000.00 of credit (was USD 60,000.00), below our credit limit of USD 50,000.00", alert.GetAttributeValue<string>(Alert.Fields.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheCreditAdministrator_TunesRules_AndAThresholdTheCriterionCannotMeasureIsRefused()
    {
        var bySam = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.SalesRep).Create(NewRule("Sam's rule", Criterion.SolvencyBelow, 90m, null, Severity.Information)));
        var impossible = Assert.Throws<FaultException<OrganizationServiceFault>>(() => CarlAddsRule("Solvency below 150", Criterion.SolvencyBelow, 150m, null, Severity.Warning));
        var solvency = world.Context.As(FixedIds.CreditOfficer).RetrieveMultiple(RulesOf(Criterion.SolvencyBelow)).Entities.Single();
        var badEdit = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.CreditOfficer).Update(
            new Entity(Rule.EntityLogicalName, solvency.Id) { [Rule.Fields.Threshold] = 0.5m }));

        Assert.Contains("prvCreatecos_BureauAlertRule", bySam.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("the threshold 150 is outside the solvency score (a whole number from 1 to 100)", impossible.Detail.Message, StringComparison.Ordinal);
        Assert.Contains("the threshold 0.5 is outside the solvency score", badEdit.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(30m, world.Service.Retrieve(Rule.EntityLogicalName, solvency.Id, new ColumnSet(Rule.Fields.Threshold)).GetAttributeValue<decimal>(Rule.Fields.Threshold));
    }

    private void CarlAddsRule(string name, Criterion criterion, decimal threshold, Group? group, Severity severity) =>
        world.Context.As(FixedIds.CreditOfficer).Create(NewRule(name, criterion, threshold, group, severity));

    private static Entity NewRule(string name, Criterion criterion, decimal threshold, Group? group, Severity severity) => new(Rule.EntityLogicalName)
    {
        [Rule.Fields.Name] = name,
        [Rule.Fields.Criterion] = new OptionSetValue((int)criterion),
        [Rule.Fields.Threshold] = threshold,
        [Rule.Fields.CustomerGroup] = group is { } value ? new OptionSetValue((int)value) : null,
        [Rule.Fields.Severity] = new OptionSetValue((int)severity),
    };

    private static QueryExpression RulesOf(Criterion criterion)
    {
        var query = new QueryExpression(Rule.EntityLogicalName) { ColumnSet = new ColumnSet(Rule.Fields.Threshold) };
        query.Criteria.AddCondition(Rule.Fields.Criterion, ConditionOperator.Equal, (int)criterion);
        return query;
    }

    private void InGroup(Guid account, Group group) =>
        world.Service.Update(new Entity(Account.EntityLogicalName, account) { [Account.Fields.CustomerGroup] = new OptionSetValue((int)group) });

    private List<Entity> Alerts(Guid account)
    {
        var query = new QueryExpression(Alert.EntityLogicalName) { ColumnSet = new ColumnSet(Alert.Fields.AlertType, Alert.Fields.Severity, Alert.Fields.Threshold, Alert.Fields.CreditLimit, Alert.Fields.Message, Alert.Fields.ClosingNote, "statecode", "modifiedon") };
        query.Criteria.AddCondition(Alert.Fields.AccountId, ConditionOperator.Equal, account);
        query.Criteria.AddCondition(Alert.Fields.AlertType, ConditionOperator.Equal, (int)AlertType.BureauDeterioration);
        return [.. world.Service.RetrieveMultiple(query).Entities];
    }
}
