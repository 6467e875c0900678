extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using RiskLevelChoice = plugins::CreditOS.Dataverse.Model.RiskLevel;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Risk-level thresholds and suspension rules are columns of the default scoring rule set: the Credit Administrator
/// changes the row and the next rescoring and order decision follow it, with no code or deployment.
/// </summary>
public sealed class RuleSetSettingsTests : IDisposable
{
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000000a1");
    // What a change does, not who may make it: the environment lets one administrator change the rule set in force
    // (four-eyes off; ConfigurationFourEyesControlTests hold the packed default).
    private readonly CreditWorld world = CreditWorld.WithAllPlugins().WithoutConfigurationFourEyes();

    public RuleSetSettingsTests()
    {
        foreach (var row in Records.SeedScoringRows(Defaults.Create(), RuleSetId, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService CreditAdministrator => world.Context.As(FixedIds.CreditOfficer);

    [Fact]
    public void SeededRuleSet_CarriesTheEnginesThresholdsAndSuspensionRules()
    {
        var row = world.Service.Retrieve(RuleSet.EntityLogicalName, RuleSetId, new(true));
        var shipped = Defaults.Create();

        Assert.Equal((decimal)shipped.RiskLevels.MediumFrom, row.GetAttributeValue<decimal>(RuleSet.Fields.RiskMediumFrom));
        Assert.Equal((decimal)shipped.RiskLevels.SevereFrom, row.GetAttributeValue<decimal>(RuleSet.Fields.RiskSevereFrom));
        Assert.Equal((decimal)shipped.ValueBands.HighFrom, row.GetAttributeValue<decimal>(RuleSet.Fields.ValueHighFrom));
        Assert.Equal(shipped.DefaultAnnualRevenueReference, row.GetAttributeValue<decimal>(RuleSet.Fields.RevenueReference));
        Assert.True(row.GetAttributeValue<bool>(RuleSet.Fields.SuspendOnJudgment));
        Assert.Equal(shipped.Suspension.SolvencyDropPoints, row.GetAttributeValue<int>(RuleSet.Fields.SuspensionSolvencyDrop));
    }

    [Fact]
    public void AdministratorMovesTheRiskLevelThresholds_NextRescoreReadsTheNewLevel()
    {
        AScoredCustomer();
        Rescore();
        var risk = world.Account(CreditTestIds.Customer).GetAttributeValue<decimal>(Account.Fields.RiskScore);
        Assert.Equal((int)RiskLevelChoice.Low, LevelOf(world.Account(CreditTestIds.Customer)));
        Assert.True(risk > 1m, "the customer needs some risk for the threshold to move below it: " + risk);

        // Medium now starts below the customer's risk: the same score reads as Medium risk.
        CreditAdministrator.Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { [RuleSet.Fields.RiskMediumFrom] = Math.Floor(risk / 2m) });
        Rescore();

        Assert.Equal(risk, world.Account(CreditTestIds.Customer).GetAttributeValue<decimal>(Account.Fields.RiskScore));
        Assert.Equal((int)RiskLevelChoice.Medium, LevelOf(world.Account(CreditTestIds.Customer)));
    }

    [Fact]
    public void AdministratorTurnsOffSuspensionOnJudgments_AJudgmentNoLongerRefusesTheNextOrder()
    {
        AScoredCustomer();
        CreditAdministrator.Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { [RuleSet.Fields.SuspendOnJudgment] = false });

        ABureauReport().WithJudgment().ReportedDaysAgo(1).Create(world.Service);
        var orderId = AnOrder().Of(500).Create(world.Service);

        Assert.False(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        // A refusal keeps the order with credit status Refused (it no longer throws): the order is neither refused nor rejected.
        Assert.DoesNotContain(world.Order(orderId).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value, new int?[] { (int)CreditStatus.Refused, (int)CreditStatus.Rejected });
    }

    [Fact]
    public void SuspensionOnJudgmentsAsShipped_TheSameJudgmentRefusesTheNextOrder()
    {
        AScoredCustomer();

        ABureauReport().WithJudgment().ReportedDaysAgo(1).Create(world.Service);

        Assert.True(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsSuspended));
        var refused = world.Order(AnOrder().Of(500).Create(world.Service));
        Assert.Equal((int)CreditStatus.Refused, refused.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value);
        Assert.Contains("New orders are suspended", refused.GetAttributeValue<string>(SalesOrder.Fields.HoldReason), StringComparison.Ordinal);
    }

    private static int? LevelOf(Entity account) => account.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel)?.Value;

    private void AScoredCustomer()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }
    }

    private void Rescore() =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
