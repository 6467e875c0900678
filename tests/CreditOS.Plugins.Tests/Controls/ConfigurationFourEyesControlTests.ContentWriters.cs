extern alias plugins;

using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using FourEyes = plugins::CreditOS.Dataverse.Credit.Configuration.RuleSetFourEyes;
using FourEyesGuard = plugins::CreditOS.Plugins.RuleSetFourEyesGuardPlugin;
using Rule = plugins::CreditOS.Dataverse.Model.ScoringRule;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 23 (session 30), round 22's left four-eyes corner: the activation check counted who entered and last
/// changed the version and each of its rules (<c>createdby</c>, <c>modifiedby</c>). Carl rewrites a rule (or a setting) of
/// Dana's proposed version and asks her to save it again; her save makes her the last modifier, and Carl, neither who
/// entered nor who last changed anything, activated scoring he had changed alone. Now the four-eyes guard keeps everyone
/// who wrote the version's settings or a rule in their <c>cos_contentby</c> (written by the guard only), and none of them
/// activates the version.
/// </summary>
public sealed partial class ConfigurationFourEyesControlTests
{
    [Fact]
    public void Carl_WhoRewroteARuleOfDanasProposal_CannotActivateItAfterHerSave_NorWipeTheRecord_ErinActivates()
    {
        var proposal = Propose(dana, version: Proposed);
        var rule = ARuleOf(proposal);
        var points = rule.GetAttributeValue<decimal>(Rule.Fields.Points);
        var rewritten = points >= 50m ? points - 5m : points + 5m;
        var rules = RulesIn(proposal);
        world.ForgetExecutions();

        // Carl rewrites the band's points, clearing the record in the same save, then tries to write Dana's id over it.
        Carl.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.Points] = rewritten, [Rule.Fields.ContentBy] = null });
        Carl.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.ContentBy] = danaId.ToString() });
        // Dana saves the rule again (its name), which makes her its last modifier.
        dana.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.Name] = rule.GetAttributeValue<string>(Rule.Fields.Name) });
        var stamps = world.Service.Retrieve(Rule.EntityLogicalName, rule.Id, new ColumnSet(Rule.Fields.CreatedBy, Rule.Fields.ModifiedBy, Rule.Fields.ContentBy, Rule.Fields.Points));
        Assert.Equal(danaId, stamps.GetAttributeValue<EntityReference>(Rule.Fields.CreatedBy).Id);
        Assert.Equal(danaId, stamps.GetAttributeValue<EntityReference>(Rule.Fields.ModifiedBy).Id);
        Assert.Equal(rewritten, stamps.GetAttributeValue<decimal>(Rule.Fields.Points));

        var carls = Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));

        Assert.Equal(
            $"Scoring rule set 'creditOS default' version {Proposed} cannot be activated by you: you made it or part of it (you wrote 1 of its {rules} rules, saved after you by someone else). "
            + "Scores, tiers and limits change with it, so another Credit Administrator who made no part of it checks and activates it (four-eyes, cos_ConfigurationFourEyes).",
            carls);
        Assert.Equal(danaId + "\n" + FixedIds.CreditOfficer, stamps.GetAttributeValue<string>(Rule.Fields.ContentBy));
        Assert.False(IsActive(proposal));
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));

        // Dana entered it; Erin, who wrote none of it, checks and activates it.
        Assert.Contains("you entered it on ", Refused(() => dana.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) })), StringComparison.Ordinal);
        Erin().Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });
        Assert.True(IsActive(proposal));
    }

    [Fact]
    public void Carl_WhoRewroteASettingOfDanasProposal_CannotActivateItAfterHerSave_NorEnterAVersionInSomeoneElsesName()
    {
        var proposal = Propose(dana, version: Proposed);
        world.ForgetExecutions();

        Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.RiskMediumFrom] = 5m, [RuleSet.Fields.ContentBy] = string.Empty });
        dana.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.Description] = "Medium risk from 5" });
        var stamps = world.Service.Retrieve(RuleSet.EntityLogicalName, proposal, new ColumnSet(RuleSet.Fields.ModifiedBy, RuleSet.Fields.ContentBy));
        Assert.Equal(danaId, stamps.GetAttributeValue<EntityReference>(RuleSet.Fields.ModifiedBy).Id);

        var carls = Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));

        Assert.Contains(
            $"Scoring rule set 'creditOS default' version {Proposed} cannot be activated by you: you made it or part of it (you wrote its settings, saved after you by someone else).",
            carls,
            StringComparison.Ordinal);
        Assert.Equal(danaId + "\n" + FixedIds.CreditOfficer, stamps.GetAttributeValue<string>(RuleSet.Fields.ContentBy));
        Assert.False(IsActive(proposal));
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));

        // What a version's entry says about its writers is the guard's: Carl's version, entered naming Dana, names Carl.
        var own = Propose(Carl, version: Proposed + 1, writers: danaId.ToString());
        Assert.Equal(FixedIds.CreditOfficer.ToString(), world.Service.Retrieve(RuleSet.EntityLogicalName, own, new ColumnSet(RuleSet.Fields.ContentBy)).GetAttributeValue<string>(RuleSet.Fields.ContentBy));
        Assert.All(RulesOf(own), r => Assert.Equal(FixedIds.CreditOfficer.ToString(), r.GetAttributeValue<string>(Rule.Fields.ContentBy)));
    }

    private IOrganizationService Erin() =>
        world.Context.As(world.Context.AUser("Erin Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create());

    private List<Entity> RulesOf(Guid ruleSet)
    {
        var query = new QueryExpression(Rule.EntityLogicalName) { ColumnSet = new ColumnSet(Rule.Fields.ContentBy) };
        query.Criteria.AddCondition(Rule.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSet);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
