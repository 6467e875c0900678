extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Activation = plugins::CreditOS.Dataverse.Model.ConfigurationActivation;
using ActivationGuard = plugins::CreditOS.Plugins.ConfigurationActivationGuardPlugin;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using DefaultRules = plugins::CreditOS.CreditEngine.Configuration.DefaultScoringRules;
using FourEyes = plugins::CreditOS.Dataverse.Credit.Configuration.RuleSetFourEyes;
using FourEyesGuard = plugins::CreditOS.Plugins.RuleSetFourEyesGuardPlugin;
using RecordPlugin = plugins::CreditOS.Plugins.ConfigurationActivationRecordPlugin;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using Rule = plugins::CreditOS.Dataverse.Model.ScoringRule;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 13 (session 20): configuration four-eyes. Session 19 left it open that a Credit Administrator (Carl)
/// activated a scoring rule set version alone and edited the version in force in place, and it took effect at once,
/// with no second person and no fact of who proposed and who activated it beyond the audit log. Now (the packed setting
/// <c>cos_ConfigurationFourEyes</c> = yes) a version is activated only by someone who made no part of it (Dana, a second
/// Credit Administrator), the version in force and its rules are never edited in place by a person, and every
/// activation and deactivation leaves an immutable <c>cos_configurationactivation</c> row. Every plug-in of both
/// assemblies; everyone acts with the packed roles and profiles.
/// </summary>
public sealed partial class ConfigurationFourEyesControlTests : IDisposable
{
    private static readonly Guid InForce = new("e3000000-0000-4000-8000-0000000004e1");
    /// <summary>The shipped default version is in force; a proposal is the next version.</summary>
    private const int InForceVersion = DefaultRules.Version;
    private const int Proposed = InForceVersion + 1;
    private static readonly DateTime EffectiveFrom = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();
    private readonly IOrganizationService dana;
    private readonly Guid danaId;

    public ConfigurationFourEyesControlTests()
    {
        // The shipped default version in force, seeded by the credit flow (SYSTEM), as the demo and a deployment's seed do: not held.
        foreach (var row in Records.SeedScoringRows(Defaults.Create(), InForce, CreditTestIds.TierId, EffectiveFrom))
        {
            world.Service.Create(row);
        }

        danaId = world.Context.AUser("Dana Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create();
        dana = world.Context.As(danaId);
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Carl => world.CreditAdministrator;

    [Fact]
    public void Carl_CannotActivateTheVersionHeProposed_DanaActivatesIt_AndTheActivationIsRecordedForGood()
    {
        var proposal = Propose(Carl, version: Proposed);
        world.ForgetExecutions();

        var alone = Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));

        Assert.Contains($"Scoring rule set 'creditOS default' version {Proposed} cannot be activated by you: you made it or part of it", alone, StringComparison.Ordinal);
        Assert.Contains("you entered it on", alone, StringComparison.Ordinal);
        Assert.Contains("you changed it last", alone, StringComparison.Ordinal);
        Assert.Matches(@"\b(\d+) of its \1 rules were entered or last changed by you", alone);
        // SetState is an Update of statecode in the pipeline: the same refusal.
        var bySetState = Refused(() => Carl.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
        {
            EntityMoniker = new EntityReference(RuleSet.EntityLogicalName, proposal),
            State = new OptionSetValue(0),
            Status = new OptionSetValue(1),
        }));
        Assert.Contains($"version {Proposed} cannot be activated by you", bySetState, StringComparison.Ordinal);
        Assert.False(IsActive(proposal));
        Assert.Empty(Activations());
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));

        world.ForgetExecutions();
        dana.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });

        Assert.True(IsActive(proposal));
        Assert.NotEmpty(world.ExecutionsOf(typeof(FourEyesGuard)));
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));
        Assert.All(world.ExecutionsOf(typeof(RecordPlugin)), run => Assert.InRange(run.ServiceCalls, 1, RecordPlugin.MaximumCalls));
        var record = Assert.Single(Activations());
        Assert.Equal(proposal.ToString(), record.GetAttributeValue<string>(Activation.Fields.ConfigurationRowId));
        Assert.Equal(Proposed, record.GetAttributeValue<int>(Activation.Fields.Version));
        Assert.True(record.GetAttributeValue<bool>(Activation.Fields.Activated));
        Assert.True(record.GetAttributeValue<bool>(Activation.Fields.FourEyes));
        Assert.Equal(FixedIds.CreditOfficer, record.GetAttributeValue<EntityReference>(Activation.Fields.ProposedBy).Id);
        Assert.Equal(danaId, record.GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);
        Assert.NotNull(record.GetAttributeValue<DateTime?>(Activation.Fields.ActivatedOn));

        // Nobody rewrites or removes the fact: not the activator, not the proposer, not a System Administrator, not SYSTEM.
        var ada = world.Context.As(FixedIds.AdminUser);
        foreach (var who in new[] { dana, Carl, ada, world.Service })
        {
            var change = Refused(() => who.Update(new Entity(Activation.EntityLogicalName, record.Id) { [Activation.Fields.ActivatedBy] = new EntityReference("systemuser", FixedIds.CreditOfficer) }));
            Refused(() => who.Delete(Activation.EntityLogicalName, record.Id));
            Assert.True(change.Contains("cannot be changed or deleted", StringComparison.Ordinal) || change.Contains("privilege", StringComparison.Ordinal), change);
        }

        var forged = Refused(() => ada.Create(new Entity(Activation.EntityLogicalName) { [Activation.Fields.Name] = "Version 3 activated", [Activation.Fields.Version] = 3 }));
        Assert.Contains("cannot be entered by hand", forged, StringComparison.Ordinal);
        Assert.Equal(danaId, Assert.Single(Activations()).GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);
    }

    [Fact]
    public void Carl_CannotChangeTheVersionInForceInPlace_NorItsRules_NorMoveARuleIntoIt()
    {
        var rule = ARuleOf(InForce);
        var settings = Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, InForce) { [RuleSet.Fields.RiskMediumFrom] = 5m }));
        var changed = Refused(() => Carl.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.Points] = 100m }));
        var deactivated = Refused(() => Carl.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.StateCode] = new OptionSetValue(1), [Rule.Fields.StatusCode] = new OptionSetValue(2) }));
        var deleted = Refused(() => Carl.Delete(Rule.EntityLogicalName, rule.Id));
        var added = Refused(() => Carl.Create(new Entity(Rule.EntityLogicalName)
        {
            [Rule.Fields.Name] = "Extra band",
            [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, InForce),
            [Rule.Fields.Factor] = rule.GetAttributeValue<string>(Rule.Fields.Factor),
        }));
        var proposal = Propose(Carl, version: Proposed);
        var moved = Refused(() => Carl.Update(new Entity(Rule.EntityLogicalName, ARuleOf(proposal).Id) { [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, InForce) }));

        Assert.Contains($"You cannot change its settings: scoring rule set 'creditOS default' version {InForceVersion} is in force", settings, StringComparison.Ordinal);
        Assert.Contains("Enter the change on a new inactive version", settings, StringComparison.Ordinal);
        Assert.Contains("You cannot change scoring rule '", changed, StringComparison.Ordinal);
        Assert.Contains($"version {InForceVersion} is in force", deactivated, StringComparison.Ordinal);
        Assert.Contains("You cannot delete scoring rule '", deleted, StringComparison.Ordinal);
        Assert.Contains("You cannot add scoring rule 'Extra band'", added, StringComparison.Ordinal);
        Assert.Contains($"version {InForceVersion} is in force", moved, StringComparison.Ordinal);
        Assert.Equal(rule.GetAttributeValue<decimal>(Rule.Fields.Points), ARuleOf(InForce, rule.Id).GetAttributeValue<decimal>(Rule.Fields.Points));
        Assert.NotEqual(5m, world.Service.Retrieve(RuleSet.EntityLogicalName, InForce, new ColumnSet(RuleSet.Fields.RiskMediumFrom)).GetAttributeValue<decimal?>(RuleSet.Fields.RiskMediumFrom));
    }

    [Fact]
    public void Dana_WhoChangedOneRuleOfCarlsProposal_CannotActivateItEither_NorCarl_NorCanOneActivateAndChangeItInOneSave()
    {
        var proposal = Propose(Carl, version: Proposed);
        dana.Update(new Entity(Rule.EntityLogicalName, ARuleOf(proposal).Id) { [Rule.Fields.Points] = 90m });

        var byDana = Refused(() => dana.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));
        var byCarl = Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));

        Assert.Matches(@"\(1 of its \d+ rules were entered or last changed by you\)", byDana);
        Assert.Contains("cannot be activated by you", byCarl, StringComparison.Ordinal);

        // Erin, a third administrator, changes a setting while activating: she then made part of it too.
        var erin = world.Context.As(world.Context.AUser("Erin Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create());
        var changing = Refused(() => erin.Update(new Entity(RuleSet.EntityLogicalName, proposal)
        {
            [RuleSet.Fields.StateCode] = new OptionSetValue(0),
            [RuleSet.Fields.StatusCode] = new OptionSetValue(1),
            [RuleSet.Fields.RiskMediumFrom] = 5m,
        }));
        Assert.Contains("cannot be activated by you: you made it or part of it (this save changes it too)", changing, StringComparison.Ordinal);
        Assert.False(IsActive(proposal));

        erin.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });
        Assert.True(IsActive(proposal));
    }

    [Fact]
    public void Carl_RollsBackToTheApprovedVersion_Alone_AndTheDeactivationIsRecorded_ButCannotReactivateWhatHeTookOut()
    {
        var proposal = Propose(Carl, version: Proposed);
        dana.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });

        Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(1), [RuleSet.Fields.StatusCode] = new OptionSetValue(2) });

        Assert.False(IsActive(proposal));
        var deactivation = Assert.Single(Activations(), r => !r.GetAttributeValue<bool>(Activation.Fields.Activated));
        Assert.Equal(FixedIds.CreditOfficer, deactivation.GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);
        var again = Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));
        Assert.Contains("cannot be activated by you", again, StringComparison.Ordinal);
    }

    /// <summary>
    /// Controls round 22 (session 29): Dana proposes a version; Carl takes one of its rules out (deletes it, or moves it to
    /// a version of his own). A rule taken out leaves no row with his name, so the activation check (makers of the rules
    /// that are there, who entered and last changed the version) found no part of it his, and he activated a version whose
    /// scoring he had changed alone. Now only who entered the version, or the rule, takes a rule out of it.
    /// </summary>
    [Fact]
    public void Carl_CannotTakeARuleOutOfDanasProposal_ByDeletingOrMovingIt_SoHeCannotActivateAScoringHeChangedAlone()
    {
        var proposal = Propose(dana, version: Proposed);
        var own = Propose(Carl, version: Proposed + 1);
        var rule = ARuleOf(proposal);
        var rules = RulesIn(proposal);
        world.ForgetExecutions();

        var deleted = Refused(() => Carl.Delete(Rule.EntityLogicalName, rule.Id));
        var moved = Refused(() => Carl.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, own) }));

        Assert.Contains($"You cannot delete scoring rule '{rule.GetAttributeValue<string>(Rule.Fields.Name)}' of scoring rule set 'creditOS default' version {Proposed}: ", deleted, StringComparison.Ordinal);
        Assert.Contains("entered that version and you did not enter the rule. A rule taken out of a version leaves no trace of who took it", deleted, StringComparison.Ordinal);
        Assert.Contains("You cannot move scoring rule '", moved, StringComparison.Ordinal);
        Assert.Equal(rules, RulesIn(proposal));
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));

        // Untouched, Dana's proposal is Carl's to check and activate; and he still takes a rule out of his own proposal.
        Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });
        Assert.True(IsActive(proposal));
        Carl.Delete(Rule.EntityLogicalName, ARuleOf(own).Id);
        Assert.Equal(rules - 1, RulesIn(own));
    }

    private int RulesIn(Guid ruleSet)
    {
        var query = new QueryExpression(Rule.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Rule.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSet);
        return world.Service.RetrieveMultiple(query).Entities.Count;
    }

    [Fact]
    public void WithFourEyesSetToNo_CarlActivatesAlone_AndTheRecordSaysFourEyesDidNotApply()
    {
        world.WithoutConfigurationFourEyes();
        var proposal = Propose(Carl, version: Proposed);

        Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });

        Assert.True(IsActive(proposal));
        Assert.False(Assert.Single(Activations()).GetAttributeValue<bool>(Activation.Fields.FourEyes));
    }

    /// <summary>What <c>creditos import-ruleset</c> does, as the person: a new row (created active, empty), deactivated, then its rules.</summary>
    /// <param name="writers">What the person puts in each row's <c>cos_contentby</c> (the guard keeps none of it).</param>
    private static Guid Propose(IOrganizationService who, int version, string? writers = null)
    {
        var id = Guid.NewGuid();
        var rows = Records.SeedScoringRows(Defaults.Create(), id, CreditTestIds.TierId, EffectiveFrom).Where(r => r.LogicalName != "cos_tiermatrixcell").ToList();
        var ruleSet = rows.Single(r => r.LogicalName == RuleSet.EntityLogicalName);
        ruleSet[RuleSet.Fields.Version] = version;
        if (writers is not null)
        {
            ruleSet[RuleSet.Fields.ContentBy] = writers;
            rows.Where(r => r.LogicalName == Rule.EntityLogicalName).ToList().ForEach(r => r[Rule.Fields.ContentBy] = writers);
        }

        who.Create(ruleSet);
        who.Update(new Entity(RuleSet.EntityLogicalName, id) { [RuleSet.Fields.StateCode] = new OptionSetValue(1), [RuleSet.Fields.StatusCode] = new OptionSetValue(2) });
        foreach (var rule in rows.Where(r => r.LogicalName == Rule.EntityLogicalName))
        {
            rule.Id = Guid.NewGuid();
            rule[Rule.Fields.ScoringRuleId] = rule.Id;
            who.Create(rule);
        }

        return id;
    }

    private Entity ARuleOf(Guid ruleSet, Guid? id = null)
    {
        var query = new QueryExpression(Rule.EntityLogicalName) { ColumnSet = new ColumnSet(Rule.Fields.Points, Rule.Fields.Factor, Rule.Fields.Name) };
        query.Criteria.AddCondition(Rule.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSet);
        if (id is { } rule)
        {
            query.Criteria.AddCondition(Rule.Fields.ScoringRuleId, ConditionOperator.Equal, rule);
        }

        return world.Service.RetrieveMultiple(query).Entities.First();
    }

    private bool IsActive(Guid ruleSet) =>
        world.Service.Retrieve(RuleSet.EntityLogicalName, ruleSet, new ColumnSet(RuleSet.Fields.StateCode)).GetAttributeValue<OptionSetValue>(RuleSet.Fields.StateCode).Value == 0;

    private List<Entity> Activations() =>
        world.Service.RetrieveMultiple(new QueryExpression(Activation.EntityLogicalName) { ColumnSet = new ColumnSet(true) }).Entities.ToList();
}
