extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Activation = plugins::CreditOS.Dataverse.Model.ConfigurationActivation;
using ApplyPlugin = plugins::CreditOS.Plugins.ConfigurationChangeApplyPlugin;
using Change = plugins::CreditOS.Dataverse.Model.ConfigurationChange;
using ChangeGuard = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationChangeGuard;
using ChangeGuardPlugin = plugins::CreditOS.Plugins.ConfigurationChangeGuardPlugin;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 22: a proposed change is applied only to the row its reviewer saw. Round 14 applied Carl's change over
/// whatever the row had become since he proposed it (another applied change, the deployment path), so the second of two
/// pending changes on one row silently undid the first. Now the change records the values it was proposed against (its
/// basis, written by the guard), and applying it when any of its columns changed since is refused, naming each column
/// with the value proposed against and the current one. A change can also delete its row (four-eyes like any change),
/// and a change naming a row that does not exist is refused when it is entered, not when it is applied.
/// </summary>
public sealed partial class ConfigurationChangeFourEyesControlTests
{
    [Fact]
    public void OfTwoPendingChangesOfTheSameColumn_DanaAppliesTheFirst_TheSecondIsAConflictNamingTheColumn_UntilErinRebasesIt()
    {
        var erin = world.Context.As(world.Context.AUser("Erin Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create());
        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 5 });
        var carls = Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_gracedays = 10");
        var erins = Propose(erin, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_gracedays = 30\ncos_overduealertamount = 2500");
        var elsewhere = Propose(erin, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_earlypaymentdays = 12");
        Assert.Equal("cos_gracedays = 5", Basis(carls));

        Apply(Dana, carls);
        world.ForgetExecutions();
        var stale = Refused(() => Apply(Dana, erins));

        Assert.Contains("The change of credit policy 'Standard' cannot be applied: the row changed since the change was proposed", stale, StringComparison.Ordinal);
        Assert.Contains("(cos_gracedays: proposed against 5, now 10)", stale, StringComparison.Ordinal);
        Assert.Equal(10, GraceDays());
        Assert.Equal(0, State(erins));
        Assert.Single(Activations());
        Assert.All(world.ExecutionsOf(typeof(ApplyPlugin)), run => Assert.InRange(run.ServiceCalls, 0, ApplyPlugin.MaximumCalls));

        // A pending change of other columns of the same row overwrites nothing: it applies.
        Apply(Dana, elsewhere);
        Assert.Equal(12, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.EarlyPaymentDays)).GetAttributeValue<int>(Policy.Fields.EarlyPaymentDays));

        // Erin saves her change again, seeing 10: it is based on the row as it is now, and Dana applies it over 10.
        world.ForgetExecutions();
        erin.Update(new Entity(Change.EntityLogicalName, erins) { [Change.Fields.Changes] = "cos_gracedays = 30\ncos_overduealertamount = 2500" });
        Assert.StartsWith("cos_gracedays = 10\ncos_overduealertamount = ", Basis(erins), StringComparison.Ordinal);
        Assert.All(world.ExecutionsOf(typeof(ChangeGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 1, ChangeGuard.MaximumCalls));
        Apply(Dana, erins);

        Assert.Equal(30, GraceDays());
        Assert.Contains(Activations(), record => record.GetAttributeValue<string>(Activation.Fields.Changes).StartsWith("cos_gracedays 10 → 30; cos_overduealertamount ", StringComparison.Ordinal));
    }

    [Fact]
    public void ARowChangedByTheDeploymentPathSinceTheProposal_IsAConflict_AndNobodyCanForgeTheBasisToPassIt()
    {
        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(250_000m) });
        var change = Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_hardcap = 400000");
        Assert.Equal("cos_hardcap = 250000.00", Basis(change));

        // The deployment path (SYSTEM: a configuration import) writes the row directly.
        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(300_000m) });
        // Carl writes the basis himself to match: only the guard writes it, so the recorded one stays.
        Carl.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.Basis] = "cos_hardcap = 300000.00" });
        Assert.Equal("cos_hardcap = 250000.00", Basis(change));

        var stale = Refused(() => Apply(Dana, change));

        Assert.Contains("(cos_hardcap: proposed against 250000.00, now 300000.00)", stale, StringComparison.Ordinal);
        Assert.Equal(300_000m, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.HardCap)).GetAttributeValue<Money>(Policy.Fields.HardCap).Value);
        Assert.Empty(Activations());
    }

    [Fact]
    public void Carl_ProposesDeletingAnAuthorityRow_CannotApplyItHimself_DanaDeletesIt_Recorded_AndADeletionOfAChangedRowIsAConflict()
    {
        var fionas = AnAuthority("Fiona", FixedIds.FinanceApprover, 100_000m);
        var franks = AnAuthority("Frank", world.Context.AUser("Frank Finance").WithRole(SolutionRoles.FinanceApprover).Create(), 50_000m);

        var withColumns = Refused(() => Carl.Create(new Entity(Change.EntityLogicalName)
        {
            [Change.Fields.ConfigurationTable] = Authority,
            [Change.Fields.ConfigurationRowId] = fionas.ToString(),
            [Change.Fields.DeleteRow] = true,
            [Change.Fields.Changes] = "cos_maximumamount = 0",
        }));
        var noRow = Refused(() => Carl.Create(new Entity(Change.EntityLogicalName) { [Change.Fields.ConfigurationTable] = Authority, [Change.Fields.DeleteRow] = true }));
        Assert.Contains("A change that deletes an approval authority sets no column", withColumns, StringComparison.Ordinal);
        Assert.Contains("A change that deletes an approval authority names the row it deletes", noRow, StringComparison.Ordinal);

        var deletion = ProposeDeletion(Carl, Authority, fionas);
        Assert.Contains("cos_maximumamount = 100000.00", Basis(deletion), StringComparison.Ordinal);
        Assert.Contains("(deleting it) cannot be applied by you: you made it", Refused(() => Apply(Carl, deletion)), StringComparison.Ordinal);
        Apply(Dana, deletion);

        Assert.Empty(world.Service.RetrieveMultiple(RowQuery(Authority, fionas)).Entities);
        var record = Assert.Single(Activations());
        Assert.StartsWith("row deleted (it was: ", record.GetAttributeValue<string>(Activation.Fields.Changes), StringComparison.Ordinal);
        Assert.Contains("cos_maximumamount = 100,000.00", record.GetAttributeValue<string>(Activation.Fields.Changes), StringComparison.Ordinal);
        Assert.Equal(danaId, record.GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);

        // Deleting a row that changed since the deletion was proposed would delete what its reviewer did not see.
        var franksDeletion = ProposeDeletion(Carl, Authority, franks);
        world.Service.Update(new Entity(Authority, franks) { ["cos_maximumamount"] = 75_000m });
        Assert.Contains("(cos_maximumamount: proposed against 50000.00, now 75000.00)", Refused(() => Apply(Dana, franksDeletion)), StringComparison.Ordinal);
        Assert.Single(world.Service.RetrieveMultiple(RowQuery(Authority, franks)).Entities);
    }

    [Fact]
    public void AChangeOfARowThatDoesNotExist_IsRefusedWhenEntered_AndOneWhoseRowWasDeletedSince_WhenApplied()
    {
        var nowhere = Guid.NewGuid();
        var missing = Refused(() => Propose(Carl, Policy.EntityLogicalName, nowhere, "cos_gracedays = 10"));
        Assert.Contains($"A change of a credit policy names row {nowhere}, which does not exist in that table.", missing, StringComparison.Ordinal);
        // Another table's row id is not a row of this one either.
        Assert.Contains("which does not exist in that table", Refused(() => Propose(Carl, Cell, CreditTestIds.StandardPolicy, "cos_valuefrom = 10")), StringComparison.Ordinal);

        var fionas = AnAuthority("Fiona", FixedIds.FinanceApprover, 100_000m);
        var raise = Propose(Carl, Authority, fionas, "cos_maximumamount = 150000");
        Apply(Dana, ProposeDeletion(Carl, Authority, fionas));

        Assert.Contains($"The change of an approval authority cannot be applied: the row it changes ({fionas}) no longer exists.", Refused(() => Apply(Dana, raise)), StringComparison.Ordinal);
        Assert.Equal(0, State(raise));
    }

    private static Guid ProposeDeletion(IOrganizationService who, string table, Guid row) => who.Create(new Entity(Change.EntityLogicalName)
    {
        [Change.Fields.ConfigurationTable] = table,
        [Change.Fields.ConfigurationRowId] = row.ToString(),
        [Change.Fields.DeleteRow] = true,
    });

    private Guid AnAuthority(string name, Guid user, decimal maximum) => world.Service.Create(new Entity(Authority)
    {
        ["cos_name"] = name,
        ["cos_userid"] = new EntityReference("systemuser", user),
        ["cos_maximumamount"] = maximum,
    });

    private static QueryExpression RowQuery(string table, Guid row)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(table + "id", ConditionOperator.Equal, row);
        return query;
    }

    private string Basis(Guid change) => world.Service.Retrieve(Change.EntityLogicalName, change, new ColumnSet(Change.Fields.Basis)).GetAttributeValue<string>(Change.Fields.Basis);

    private int State(Guid change) => world.Service.Retrieve(Change.EntityLogicalName, change, new ColumnSet(Change.Fields.StateCode)).GetAttributeValue<OptionSetValue>(Change.Fields.StateCode).Value;

    private int GraceDays() => world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.GraceDays)).GetAttributeValue<int>(Policy.Fields.GraceDays);
}
