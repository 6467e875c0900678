extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using static CreditOS.Testing.ServiceFaults;
using GuardPlugin = plugins::CreditOS.Plugins.ConfigurationKeeperGuardPlugin;
using Keepers = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationKeepers;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 10: round 5 kept the approval routes, and session 11 the authority matrix, from whoever decides credit
/// approvals; the credit policies, tiers, tier matrix and scoring rules were still written by anyone holding the Credit
/// Administrator role. Cleo (Credit Administrator and Finance approver) raised the Standard policy's grace days from 5 to
/// 60 and lifted its utilization block (1.25): every customer's overdue within 60 days and every order above 125% of its
/// limit then stopped reaching Finance, where she decides. Now nobody who decides approvals creates, changes or deletes a
/// policy, tier, matrix cell, scoring rule or rule set (<c>ConfigurationKeeperGuardPlugin</c>); Carl, who decides nothing,
/// keeps them, within the guard's budget. Every plug-in of both assemblies.
/// </summary>
public sealed class ConfigurationKeeperControlTests : IDisposable
{
    // Segregation of duties, not four-eyes: Carl changes the configuration in place (controls round 14,
    // ConfigurationChangeFourEyesControlTests, hold that to a second person when the setting is on).
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals().WithoutConfigurationFourEyes();

    public ConfigurationKeeperControlTests()
    {
        world.Service.Update(APolicy().WithGraceDays(5).BlockingAbove(1.25m).Build());
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void AnApproverWhoAlsoAdministersCredit_CannotLoosenThePoliciesSheDecidesUnder_WhileCarlMay()
    {
        var cleo = world.Context.As(world.Context.AUser("Cleo Credit")
            .WithRole(SolutionRoles.CreditAdministrator).WithRole(SolutionRoles.FinanceApprover)
            .WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create());

        var grace = Refused(() => cleo.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 60 }));
        var block = Refused(() => cleo.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.BlockAboveUtilization] = null }));
        var own = Refused(() => cleo.Create(APolicy().WithId(Guid.NewGuid()).WithCode("CLEO").WithGraceDays(90).BlockingAbove(null).Build()));
        var tier = Refused(() => cleo.Update(new Entity("cos_credittier", AnActiveTier()) { ["cos_name"] = "Renamed by Cleo" }));

        Assert.Contains("You decide credit approvals, so you cannot change credit policy 'STANDARD' (segregation of duties)", grace, StringComparison.Ordinal);
        Assert.Contains("cannot change credit policy 'STANDARD'", block, StringComparison.Ordinal);
        Assert.Contains("cannot create credit policy 'CLEO'", own, StringComparison.Ordinal);
        Assert.Contains("cannot change credit tier 'Renamed by Cleo'", tier, StringComparison.Ordinal);
        var policy = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.GraceDays, Policy.Fields.BlockAboveUtilization));
        Assert.Equal(5, policy.GetAttributeValue<int>(Policy.Fields.GraceDays));
        Assert.Equal(1.25m, policy.GetAttributeValue<decimal?>(Policy.Fields.BlockAboveUtilization));

        world.ForgetExecutions();
        world.CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 10 });
        Assert.Equal(10, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.GraceDays)).GetAttributeValue<int>(Policy.Fields.GraceDays));
        Assert.NotEmpty(world.ExecutionsOf(typeof(GuardPlugin)));
        Assert.All(world.ExecutionsOf(typeof(GuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, Keepers.MaximumCalls));
    }

    [Fact]
    public void Fiona_HoldsNoPrivilegeOnTheConfiguration_AndTheGuardRefusesHerToo()
    {
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.CreditManager.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 60 }));

        Assert.Contains("You decide credit approvals, so you cannot change credit policy 'STANDARD'", refused.Detail.Message, StringComparison.Ordinal);
    }

    private Guid AnActiveTier()
    {
        var query = new QueryExpression("cos_credittier") { ColumnSet = new ColumnSet(false), TopCount = 1 };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        return world.Service.RetrieveMultiple(query).Entities.First().Id;
    }
}
