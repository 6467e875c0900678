extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.PolicyBuilder;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Activation = plugins::CreditOS.Dataverse.Model.ConfigurationActivation;
using ApplyPlugin = plugins::CreditOS.Plugins.ConfigurationChangeApplyPlugin;
using Change = plugins::CreditOS.Dataverse.Model.ConfigurationChange;
using ChangeGuard = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationChangeGuard;
using ChangeGuardPlugin = plugins::CreditOS.Plugins.ConfigurationChangeGuardPlugin;
using CreditStatus = plugins::CreditOS.Dataverse.Model.SalesOrderCreditStatus;
using InForceGuard = plugins::CreditOS.Plugins.ConfigurationInForceGuardPlugin;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 14 (session 21): four-eyes on the configuration that is not versioned. Round 13 left one Credit
/// Administrator (Carl) changing the credit policies, tiers, tier matrix, approval routes and approval authority matrix
/// alone, in force at once: he turned off the Standard policy's "every order to Finance" and the next order of a
/// customer on it was approved, and raised Fiona's approval authority so she approved a limit beyond it. Now (the packed
/// setting <c>cos_ConfigurationFourEyes</c> = yes) a person changes none of those rows directly: Carl proposes a
/// <c>cos_configurationchange</c>, someone who made no part of it (Dana, a second Credit Administrator) applies it, the
/// application writes the row as SYSTEM, and an immutable <c>cos_configurationactivation</c> row records who proposed,
/// who applied, and each column from what to what. Every plug-in of both assemblies; everyone acts with the packed roles
/// and profiles.
/// </summary>
public sealed partial class ConfigurationChangeFourEyesControlTests : IDisposable
{
    private const string Authority = "cos_approvalauthority";
    private const string Route = "cos_approvalrouting";
    private const string Tier = "cos_credittier";
    private const string Cell = "cos_tiermatrixcell";
    private const int Pending = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Pending;
    private const int Approved = (int)plugins::CreditOS.Dataverse.Model.CreditApprovalStatus.Approved;
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovalsQueuingAsyncWork();
    private readonly Guid danaId;

    public ConfigurationChangeFourEyesControlTests()
    {
        danaId = world.Context.AUser("Dana Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create();
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Carl => world.CreditAdministrator;

    private IOrganizationService Dana => world.Context.As(danaId);

    private IOrganizationService Sam => world.SalesRep;

    private IOrganizationService Fiona => world.CreditManager;

    [Fact]
    public void Carl_CannotTurnOffFinanceForEveryOrderAlone_DanaAppliesHisProposal_AndTheNextOrderPasses_Recorded()
    {
        world.Service.Update(APolicy().ApprovingEveryOrder().Build());
        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(250_000m) });
        AnAccount().WithLimit(50_000).Create(world.Service);
        Assert.Equal((int)CreditStatus.OnHold, Status(AnOrder().WithId(Guid.NewGuid()).Of(5_000).Create(Sam)));
        world.ForgetExecutions();

        var everyOrder = Refused(() => Carl.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.RequiresApproval] = false }));
        var hardCap = Refused(() => Carl.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(900_000m) }));
        var own = Refused(() => Carl.Create(APolicy().WithId(Guid.NewGuid()).WithCode("LOOSE").BlockingAbove(null).Build()));
        var gone = Refused(() => Carl.Delete(Policy.EntityLogicalName, CreditTestIds.StandardPolicy));

        Assert.Contains("(cos_hardcap 250,000.00 → 900,000.00)", hardCap, StringComparison.Ordinal);
        Assert.Contains("You cannot create credit policy 'LOOSE' directly (", own, StringComparison.Ordinal);
        Assert.Contains("You cannot delete credit policy 'STANDARD' directly (deleting it)", gone, StringComparison.Ordinal);
        Assert.Contains("You cannot change credit policy 'STANDARD' directly (cos_requiresapproval yes → no): credit configuration changes only when a second person applies", everyOrder, StringComparison.Ordinal);
        Assert.All(world.ExecutionsOf(typeof(InForceGuard)), run => Assert.InRange(run.ServiceCalls, 0, InForceGuard.MaximumCalls));
        Assert.Equal((int)CreditStatus.OnHold, Status(AnOrder().WithId(Guid.NewGuid()).Of(5_000).Create(Sam)));

        var change = Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_requiresapproval = no");
        Assert.Equal("credit policy 'STANDARD'", world.Service.Retrieve(Change.EntityLogicalName, change, new ColumnSet(Change.Fields.Name)).GetAttributeValue<string>(Change.Fields.Name));
        var alone = Refused(() => Apply(Carl, change));

        Assert.Contains("The change of credit policy 'STANDARD' (cos_requiresapproval = no) cannot be applied by you: you made it (you entered it on ", alone, StringComparison.Ordinal);
        Assert.Contains("you changed it last", alone, StringComparison.Ordinal);
        Assert.Contains("another Credit Administrator who made no part of it checks and applies it", alone, StringComparison.Ordinal);
        Assert.True(RequiresApproval());
        Assert.Empty(Activations());

        world.ForgetExecutions();
        Apply(Dana, change);

        Assert.False(RequiresApproval());
        Assert.NotEmpty(world.ExecutionsOf(typeof(ApplyPlugin)));
        Assert.All(world.ExecutionsOf(typeof(ChangeGuardPlugin)), run => Assert.InRange(run.ServiceCalls, 0, ChangeGuard.MaximumCalls));
        Assert.All(world.ExecutionsOf(typeof(ApplyPlugin)), run => Assert.InRange(run.ServiceCalls, 1, ApplyPlugin.MaximumCalls));
        var record = Assert.Single(Activations());
        Assert.Equal(Policy.EntityLogicalName, record.GetAttributeValue<string>(Activation.Fields.ConfigurationTable));
        Assert.Equal(CreditTestIds.StandardPolicy.ToString(), record.GetAttributeValue<string>(Activation.Fields.ConfigurationRowId));
        Assert.Equal("cos_requiresapproval yes → no", record.GetAttributeValue<string>(Activation.Fields.Changes));
        Assert.StartsWith("credit policy 'STANDARD' changed on ", record.GetAttributeValue<string>(Activation.Fields.Name), StringComparison.Ordinal);
        Assert.Equal(FixedIds.CreditOfficer, record.GetAttributeValue<EntityReference>(Activation.Fields.ProposedBy).Id);
        Assert.Equal(danaId, record.GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);
        Assert.True(record.GetAttributeValue<bool>(Activation.Fields.FourEyes));
        Assert.Equal((int)CreditStatus.Approved, Status(AnOrder().WithId(Guid.NewGuid()).Of(5_000).Create(Sam)));

        // The applied change is a fact: nobody edits, reopens or deletes it.
        var edited = Refused(() => Carl.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.Changes] = "cos_gracedays = 90" }));
        var reopened = Refused(() => Dana.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.StateCode] = new OptionSetValue(0), [Change.Fields.StatusCode] = new OptionSetValue(1) }));
        var deleted = Refused(() => Dana.Delete(Change.EntityLogicalName, change));
        foreach (var refusal in new[] { edited, reopened, deleted })
        {
            Assert.Contains("was applied: it records what was put in force, by whom, and cannot be changed, reopened or deleted, by anyone.", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Carl_CannotRaiseFionasAuthorityAlone_SoSheCannotApproveBeyondIt_UntilDanaAppliesHisProposal()
    {
        AnAccount().WithLimit(50_000).Create(world.Service);
        var fionasRow = world.Service.Create(new Entity(Authority)
        {
            ["cos_name"] = "Fiona",
            ["cos_userid"] = new EntityReference("systemuser", FixedIds.FinanceApprover),
            ["cos_maximumamount"] = 100_000m,
        });
        var request = world.SamAsksForALimitOf(180_000m);

        var raised = Refused(() => Carl.Update(new Entity(Authority, fionasRow) { ["cos_maximumamount"] = 1_000_000m }));
        var freed = Refused(() => Carl.Update(new Entity(Authority, fionasRow) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) }));
        var another = Refused(() => Carl.Create(new Entity(Authority)
        {
            ["cos_name"] = "Fiona, for the framework contracts",
            ["cos_userid"] = new EntityReference("systemuser", FixedIds.FinanceApprover),
            ["cos_maximumamount"] = 1_000_000m,
        }));

        Assert.Contains("You cannot change approval authority 'Fiona' directly (cos_maximumamount 100,000.00 → 1,000,000.00)", raised, StringComparison.Ordinal);
        Assert.Contains("(statecode 0 → 1; statuscode 1 → 2)", freed, StringComparison.Ordinal);
        Assert.Contains("You cannot create approval authority 'Fiona, for the framework contracts' directly (", another, StringComparison.Ordinal);
        Assert.Contains("cos_maximumamount = 1,000,000.00", another, StringComparison.Ordinal);
        Assert.Contains("yours is 100,000.00", Refused(() => Decide(Fiona, request)), StringComparison.Ordinal);
        Assert.Equal(Pending, ApprovalStatus(request));

        // Cleo, who administers credit and decides approvals, cannot even propose a change of the matrix.
        var cleo = world.Context.As(world.Context.AUser("Cleo Credit")
            .WithRole(SolutionRoles.CreditAdministrator).WithRole(SolutionRoles.FinanceApprover).WithProfile(SolutionFieldSecurityProfiles.CreditDeciders).Create());
        Assert.Contains("You decide credit approvals, so you cannot create, change or delete approval authority 'Fiona'",
            Refused(() => Propose(cleo, Authority, fionasRow, "cos_maximumamount = 1000000")), StringComparison.Ordinal);

        var change = Propose(Carl, Authority, fionasRow, "cos_maximumamount = 250,000");
        Assert.Contains("cannot be applied by you", Refused(() => Apply(Carl, change)), StringComparison.Ordinal);
        Apply(Dana, change);
        Decide(Fiona, request);

        Assert.Equal(Approved, ApprovalStatus(request));
        Assert.Equal(180_000m, world.AccountMoney(CreditTestIds.Customer, Account.Fields.CreditLimit));
        Assert.Equal("cos_maximumamount 100,000.00 → 250,000.00", Assert.Single(Activations()).GetAttributeValue<string>(Activation.Fields.Changes));
    }

    [Fact]
    public void Carl_CannotRerouteOrWidenTheApprovalRoutes_NorMoveATierOrAMatrixCell_Directly()
    {
        var route = DefaultRoute();
        var queue = world.Service.Create(new Entity("queue") { ["name"] = "Carl's own queue" });
        var tier = AnActive(Tier);
        var cell = world.Service.Create(new Entity(Cell)
        {
            ["cos_name"] = "Top value, low risk",
            ["cos_valuefrom"] = 80m,
            ["cos_valueto"] = 100m,
            ["cos_riskfrom"] = 0m,
            ["cos_riskto"] = 20m,
            ["cos_credittierid"] = new EntityReference(Tier, tier),
        });
        world.ForgetExecutions();

        var longer = Refused(() => Carl.Update(new Entity(Route, route) { ["cos_temporarylimitmaxdays"] = 365 }));
        var rerouted = Refused(() => Carl.Update(new Entity(Route, route) { ["cos_queueid"] = new EntityReference("queue", queue) }));
        var ownRoute = Refused(() => Carl.Create(new Entity(Route) { ["cos_name"] = "Carl's route", ["cos_queueid"] = new EntityReference("queue", queue) }));
        var tierMoved = Refused(() => Carl.Update(new Entity(Tier, tier) { ["cos_rank"] = 99 }));
        var cellWidened = Refused(() => Carl.Update(new Entity(Cell, cell) { ["cos_valuefrom"] = 10m }));
        var cellGone = Refused(() => Carl.Delete(Cell, cell));

        Assert.Matches(@"You cannot change approval route '[^']+' directly \(cos_temporarylimitmaxdays \d+ → 365\)", longer);
        Assert.Contains("cos_queueid ", rerouted, StringComparison.Ordinal);
        Assert.Contains("→ queue " + queue, rerouted, StringComparison.Ordinal);
        Assert.Contains("You cannot create approval route 'Carl's route' directly", ownRoute, StringComparison.Ordinal);
        Assert.Matches(@"You cannot change credit tier '[^']+' directly \(cos_rank \d+ → 99\)", tierMoved);
        Assert.Contains("You cannot change tier matrix cell 'Top value, low risk' directly (cos_valuefrom 80.00 → 10.00)", cellWidened, StringComparison.Ordinal);
        Assert.Contains("You cannot delete tier matrix cell 'Top value, low risk' directly (deleting it)", cellGone, StringComparison.Ordinal);
        Assert.NotEmpty(world.ExecutionsOf(typeof(InForceGuard)));
        Assert.All(world.ExecutionsOf(typeof(InForceGuard)), run => Assert.InRange(run.ServiceCalls, 0, InForceGuard.MaximumCalls));
        Assert.Equal(80m, world.Service.Retrieve(Cell, cell, new ColumnSet("cos_valuefrom")).GetAttributeValue<decimal>("cos_valuefrom"));
        Assert.NotEqual(queue, world.Service.Retrieve(Route, route, new ColumnSet("cos_queueid")).GetAttributeValue<EntityReference>("cos_queueid").Id);
    }

    [Fact]
    public void Dana_WhoEditedCarlsProposal_CannotApplyIt_NorErinInASaveThatChangesIt_ErinThen_AndARefusedApplicationStaysProposed()
    {
        var change = Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_gracedays = 10");
        Dana.Update(new Entity(Change.EntityLogicalName, change) { [Change.Fields.Changes] = "cos_gracedays = 15" });
        var erin = world.Context.As(world.Context.AUser("Erin Credit").WithRole(SolutionRoles.CreditAdministrator).WithProfile(SolutionFieldSecurityProfiles.CreditConfigurers).Create());

        var byDana = Refused(() => Apply(Dana, change));
        var byCarl = Refused(() => Apply(Carl, change));
        var inOneSave = Refused(() => erin.Update(new Entity(Change.EntityLogicalName, change)
        {
            [Change.Fields.Changes] = "cos_gracedays = 60",
            [Change.Fields.StateCode] = new OptionSetValue(1),
            [Change.Fields.StatusCode] = new OptionSetValue(2),
        }));

        Assert.Contains("(cos_gracedays = 15) cannot be applied by you: you made it (you changed it last)", byDana, StringComparison.Ordinal);
        Assert.Contains("you made it (you entered it on ", byCarl, StringComparison.Ordinal);
        Assert.Contains("this save changes it too", inOneSave, StringComparison.Ordinal);
        Apply(erin, change);
        Assert.Equal(15, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.GraceDays)).GetAttributeValue<int>(Policy.Fields.GraceDays));

        // What a change cannot set is refused when it is entered; what the table's validators refuse is not applied.
        Assert.Contains("A change of a credit policy cannot set cos_secret", Refused(() => Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_secret = 1")), StringComparison.Ordinal);
        Assert.Contains("sets cos_hardcap to 'a lot', which is not a number", Refused(() => Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_hardcap = a lot")), StringComparison.Ordinal);
        var belowBase = Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_hardcap = 1.00");
        Refused(() => Apply(Dana, belowBase));
        Assert.Equal(0, world.Service.Retrieve(Change.EntityLogicalName, belowBase, new ColumnSet(Change.Fields.StateCode)).GetAttributeValue<OptionSetValue>(Change.Fields.StateCode).Value);
        Assert.Single(Activations());
    }

    [Fact]
    public void WithFourEyesOff_ASingleAdministratorChangesInPlace_AndAppliesHisOwnProposal_RecordedAsNotFourEyes()
    {
        world.WithoutConfigurationFourEyes();

        Carl.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 7 });
        Apply(Carl, Propose(Carl, Policy.EntityLogicalName, CreditTestIds.StandardPolicy, "cos_gracedays = 9"));

        Assert.Equal(9, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.GraceDays)).GetAttributeValue<int>(Policy.Fields.GraceDays));
        var record = Assert.Single(Activations());
        Assert.False(record.GetAttributeValue<bool>(Activation.Fields.FourEyes));
        Assert.Equal("cos_gracedays 7 → 9", record.GetAttributeValue<string>(Activation.Fields.Changes));
        Assert.Equal(FixedIds.CreditOfficer, record.GetAttributeValue<EntityReference>(Activation.Fields.ActivatedBy).Id);
    }

    private static Guid Propose(IOrganizationService who, string table, Guid row, string changes) => who.Create(new Entity(Change.EntityLogicalName)
    {
        [Change.Fields.Name] = "Whatever the proposer calls it",
        [Change.Fields.ConfigurationTable] = table,
        [Change.Fields.ConfigurationRowId] = row.ToString(),
        [Change.Fields.Changes] = changes,
    });

    private static void Apply(IOrganizationService who, Guid change) => who.Update(new Entity(Change.EntityLogicalName, change)
    {
        [Change.Fields.StateCode] = new OptionSetValue(1),
        [Change.Fields.StatusCode] = new OptionSetValue(2),
    });

    private List<Entity> Activations()
    {
        var query = new QueryExpression(Activation.EntityLogicalName) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition(Activation.Fields.ConfigurationTable, ConditionOperator.NotEqual, "cos_scoringruleset");
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }

    private bool RequiresApproval() =>
        world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.RequiresApproval)).GetAttributeValue<bool>(Policy.Fields.RequiresApproval);

    private static void Decide(IOrganizationService caller, Guid request) => caller.Execute(new OrganizationRequest("cos_DecideCreditApproval")
    {
        ["Target"] = new EntityReference("cos_creditapprovalrequest", request),
        ["Decision"] = "Approve",
        ["Comment"] = "Framework contract signed.",
    });

    private int ApprovalStatus(Guid request) =>
        world.Service.Retrieve("cos_creditapprovalrequest", request, new ColumnSet("cos_approvalstatus")).GetAttributeValue<OptionSetValue>("cos_approvalstatus").Value;

    private Guid DefaultRoute()
    {
        var query = new QueryExpression(Route) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition("cos_customergroup", ConditionOperator.Null);
        return Assert.Single(world.Service.RetrieveMultiple(query).Entities).Id;
    }

    private Guid AnActive(string table)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false), TopCount = 1 };
        query.Criteria.AddCondition("statecode", ConditionOperator.Equal, 0);
        return world.Service.RetrieveMultiple(query).Entities.First().Id;
    }

    private int Status(Guid order) => world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus).Value;
}
