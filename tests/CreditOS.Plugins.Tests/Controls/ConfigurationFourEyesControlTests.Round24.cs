extern alias plugins;

using CreditOS.Testing;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Activation = plugins::CreditOS.Dataverse.Model.ConfigurationActivation;
using FourEyes = plugins::CreditOS.Dataverse.Credit.Configuration.RuleSetFourEyes;
using FourEyesGuard = plugins::CreditOS.Plugins.RuleSetFourEyesGuardPlugin;
using RecordPlugin = plugins::CreditOS.Plugins.ConfigurationActivationRecordPlugin;
using Rule = plugins::CreditOS.Dataverse.Model.ScoringRule;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 24 (session 31), round 23's three left items: a rule deactivated rather than rewritten (read in code
/// only); Dana taking a rule Carl rewrote out of her proposal and entering it again with his figures, so that the rows are
/// hers and Carl, a writer of nothing left, activates; and the activation record, which named who entered and last changed
/// the version but not who wrote it.
/// </summary>
public sealed partial class ConfigurationFourEyesControlTests
{
    [Fact]
    public void Carl_WhoDeactivatedARuleOfDanasProposal_BySetState_CannotActivateItAfterHerSave_AndTheRecordNamesEveryWriter()
    {
        var proposal = Propose(dana, version: Proposed);
        var rule = ARuleOf(proposal);
        var rules = RulesIn(proposal);
        world.ForgetExecutions();

        // Carl takes a band out of the scoring without deleting it: SetState of the rule (the reader scores active rules only).
        Carl.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Rule.EntityLogicalName, rule.Id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
        // Dana saves the (now inactive) rule again, which makes her its last modifier.
        dana.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.Name] = rule.GetAttributeValue<string>(Rule.Fields.Name) });
        var stamps = world.Service.Retrieve(Rule.EntityLogicalName, rule.Id, new ColumnSet(Rule.Fields.ModifiedBy, Rule.Fields.ContentBy, Rule.Fields.StateCode));
        Assert.Equal(1, stamps.GetAttributeValue<OptionSetValue>(Rule.Fields.StateCode).Value);
        Assert.Equal(danaId, stamps.GetAttributeValue<EntityReference>(Rule.Fields.ModifiedBy).Id);

        var carls = Refused(() => Carl.Execute(new SetStateRequest { EntityMoniker = new EntityReference(RuleSet.EntityLogicalName, proposal), State = new OptionSetValue(0), Status = new OptionSetValue(1) }));

        Assert.Contains(
            $"Scoring rule set 'creditOS default' version {Proposed} cannot be activated by you: you made it or part of it (you wrote 1 of its {rules} rules, saved after you by someone else).",
            carls,
            StringComparison.Ordinal);
        Assert.Equal(danaId + "\n" + FixedIds.CreditOfficer, stamps.GetAttributeValue<string>(Rule.Fields.ContentBy));
        Assert.False(IsActive(proposal));
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));

        // Dana puts the band back (the version without it would not cover every measure); Carl stays on the rule's list.
        dana.Execute(new SetStateRequest { EntityMoniker = new EntityReference(Rule.EntityLogicalName, rule.Id), State = new OptionSetValue(0), Status = new OptionSetValue(1) });
        Assert.Contains("you wrote 1 of its", Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) })), StringComparison.Ordinal);

        // Erin, who wrote none of it, activates; the record names who wrote it (Dana entered it, Carl deactivated a rule), not only its stamps.
        world.ForgetExecutions();
        Erin().Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });
        Assert.True(IsActive(proposal));
        var record = Assert.Single(Activations());
        Assert.Equal(danaId, record.GetAttributeValue<EntityReference>(Activation.Fields.ProposedBy).Id);
        Assert.Equal(danaId, record.GetAttributeValue<EntityReference>(Activation.Fields.LastChangedBy).Id);
        Assert.Equal(
            new[] { danaId.ToString("D"), FixedIds.CreditOfficer.ToString("D") },
            (record.GetAttributeValue<string>(Activation.Fields.ContentBy) ?? string.Empty).Split('\n'));
        Assert.All(world.ExecutionsOf(typeof(RecordPlugin)), run => Assert.InRange(run.ServiceCalls, 0, RecordPlugin.MaximumCalls));
    }

    [Fact]
    public void Dana_CannotTakeARuleCarlRewroteOutOfHerProposal_AndEnterItAgainAsHers_SoCarlCannotActivateHisFigures()
    {
        var proposal = Propose(dana, version: Proposed);
        var other = Propose(dana, version: Proposed + 1);
        var rule = ARuleOf(proposal);
        var points = rule.GetAttributeValue<decimal>(Rule.Fields.Points);
        var rewritten = points >= 50m ? points - 5m : points + 5m;
        var rules = RulesIn(proposal);
        Carl.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.Points] = rewritten });
        world.ForgetExecutions();

        // Dana, who entered the version and the rule, deletes Carl's rewrite (to enter his figures again as hers), or moves it away.
        var deleted = Refused(() => dana.Delete(Rule.EntityLogicalName, rule.Id));
        var moved = Refused(() => dana.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, other) }));

        Assert.Equal(
            $"You cannot delete scoring rule '{rule.GetAttributeValue<string>(Rule.Fields.Name)}' of scoring rule set 'creditOS default' version {Proposed}: 1 other person wrote it (cos_contentby). "
            + "Taken out, the rule would take their part in the version with it, and entered again it would be yours alone, so they could activate the version as if they had no part in it (four-eyes, cos_ConfigurationFourEyes). "
            + "Change the rule back in place instead (its writers stay on record, and someone who wrote none of the version activates it), or enter a version of your own.",
            deleted);
        Assert.StartsWith($"You cannot move scoring rule '{rule.GetAttributeValue<string>(Rule.Fields.Name)}' of scoring rule set 'creditOS default' version {Proposed}: 1 other person wrote it", moved, StringComparison.Ordinal);
        Assert.Equal(rules, RulesIn(proposal));
        Assert.Equal(rewritten, ARuleOf(proposal, rule.Id).GetAttributeValue<decimal>(Rule.Fields.Points));
        Assert.All(world.ExecutionsOf(typeof(FourEyesGuard)), run => Assert.InRange(run.ServiceCalls, 0, FourEyes.MaximumCalls));

        // Carl's figures stay his: he cannot activate them. A rule only Dana wrote she still takes out of her own version.
        Assert.Contains($"cannot be activated by you: you made it or part of it (1 of its {rules} rules were entered or last changed by you", Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) })), StringComparison.Ordinal);
        dana.Delete(Rule.EntityLogicalName, ARuleOf(other).Id);
        Assert.Equal(rules - 1, RulesIn(other));

        // Changed back in place, the rule keeps both writers; Erin, who wrote none of it, activates.
        dana.Update(new Entity(Rule.EntityLogicalName, rule.Id) { [Rule.Fields.Points] = points });
        Assert.Contains("you wrote 1 of its", Refused(() => Carl.Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) })), StringComparison.Ordinal);
        Erin().Update(new Entity(RuleSet.EntityLogicalName, proposal) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) });
        Assert.True(IsActive(proposal));
    }
}
