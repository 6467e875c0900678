extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using static CreditOS.Testing.ServiceFaults;
using Activation = plugins::CreditOS.Dataverse.Model.ConfigurationActivation;
using Change = plugins::CreditOS.Dataverse.Model.ConfigurationChange;
using ChangeGuard = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationChangeGuard;
using ChangeGuardPlugin = plugins::CreditOS.Plugins.ConfigurationChangeGuardPlugin;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 22 (session 29), round 21's left four-eyes corner: the apply check read who proposed the change
/// (<c>createdby</c>) and who saved it last (<c>modifiedby</c>). Dana proposes a harmless change of the Standard policy;
/// Carl rewrites what it sets ("every order to Finance" off) and asks Dana to correct its name; her save makes her the last
/// modifier, and Carl, neither proposer nor last modifier, applied content he wrote. Now the guard keeps everyone who wrote
/// the change's content (<c>cos_contentby</c>, written by the guard only), and none of them applies it.
/// </summary>
public sealed partial class ConfigurationChangeFourEyesControlTests
{
    [Fact]
    public void Carl_WhoRewroteWhatDanasChangeSets_CannotApplyItAfterHerSave_NorWipeTheRecord_ErinApplies()
    {
        world.Service.Update(APolicy().ApprovingEveryOrder().Build());
        var erinId = world.Context.AUser("Erin Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create();
        var change = Propose(Dana, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_gracedays = 10");
        world.ForgetExecutions();

        // Carl rewrites the content, and tries to leave himself off the record in the same save and in another.
        Carl.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.Changes] = "cos_requiresapproval = no", [Change.Fields.ContentBy] = null });
        Carl.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.ContentBy] = danaId.ToString() });
        Dana.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.Name] = "Standard: no Finance for every order" });
        var stamps = world.Service.Retrieve(Change.EntityLogicalName, change, new ColumnSet(Change.Fields.CreatedBy, Change.Fields.ModifiedBy, Change.Fields.ContentBy));
        Assert.Equal(danaId, stamps.GetAttributeValue<EntityReference>(Change.Fields.CreatedBy).Id);
        Assert.Equal(danaId, stamps.GetAttributeValue<EntityReference>(Change.Fields.ModifiedBy).Id);

        var carls = Refused(() => Apply(Carl, change));

        Assert.Equal(
            "The change of credit policy 'STANDARD' (cos_requiresapproval = no) cannot be applied by you: you made it (you wrote what it sets, saved after you by someone else). "
            + "Orders, limits and approvals are decided under it, so another Credit Administrator who made no part of it checks and applies it (four-eyes, cos_ConfigurationFourEyes).",
            carls);
        Assert.Equal(danaId + "\n" + FixedIds.CreditOfficer, stamps.GetAttributeValue<string>(Change.Fields.ContentBy));
        Assert.True(RequiresApproval());
        Assert.All(world.ExecutionsOf(typeof(ChangeGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, ChangeGuard.MaximumCalls));

        // Dana proposed it; Erin, who wrote none of it, checks and applies it.
        Assert.Contains("you entered it on ", Refused(() => Apply(Dana, change)), StringComparison.Ordinal);
        Apply(world.Context.As(erinId), change);
        Assert.False(RequiresApproval());

        // Controls round 24 (session 31): the record of the change applied names who wrote it, not only who proposed
        // and last saved it (Dana both): Carl's part is on the fact that outlives the change.
        var record = Assert.Single(Activations());
        Assert.Equal(danaId, record.GetAttributeValue<EntityReference>(Activation.Fields.LastChangedBy).Id);
        Assert.Equal(danaId + "\n" + FixedIds.CreditOfficer, record.GetAttributeValue<string>(Activation.Fields.ContentBy));
    }
}
