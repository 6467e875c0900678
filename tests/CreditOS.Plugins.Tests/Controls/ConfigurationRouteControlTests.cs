extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using Rule = plugins::CreditOS.Dataverse.Model.ScoringRule;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 21 (session 28), the brief's third question: can one Credit Administrator (Carl: Credit Administrator +
/// Credit Configurers) put a configuration change in force without the second person rounds 13 and 14 require, by a
/// route other than a plain Update? Every route Dataverse offers for a row is tried on the Standard policy (its hard cap,
/// a new laxer policy) and on the rule set version in force (a rule moved into it): Upsert (existing and new row),
/// ExecuteMultiple (continue on error), ExecuteTransaction, UpdateMultiple, SetState, Associate of the 1:N relationship. Each
/// is refused (the in-force and rule-set guards run in pre-validation on every route, or the route fails loudly), and the
/// policy, the policies and the version in force are as they were. Held already; pinned.
/// </summary>
public sealed class ConfigurationRouteControlTests : IDisposable
{
    private const string RuleSetRules = "cos_cos_scoringruleset_cos_scoringrule_scoringrulesetid";
    private static readonly Guid InForce = new("e3000000-0000-4000-8000-0000000021e1");
    private readonly CreditWorld world = CreditWorld.WithPluginsAndApprovals();

    public ConfigurationRouteControlTests()
    {
        // The shipped rule set as a version in force (seeded as the credit flow seeds it, as ConfigurationFourEyesControlTests does).
        foreach (var row in Records.SeedScoringRows(Defaults.Create(), InForce, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService Carl => world.CreditAdministrator;

    [Fact]
    public void Carl_CannotPutAPolicyChangeInForceAlone_ByUpsertBatchTransactionBulkOrSetState()
    {
        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(250_000m) });
        Entity Raised() => new(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(900_000m) };
        var policiesBefore = Policies();

        Refused(() => Carl.Execute(new UpsertRequest { Target = Raised() }));
        Refused(() => Carl.Execute(new UpsertRequest { Target = new Entity(Policy.EntityLogicalName, Guid.NewGuid()) { [Policy.Fields.Name] = "Loose", [Policy.Fields.Code] = "LOOSE" } }));
        var batch = (ExecuteMultipleResponse)Carl.Execute(new ExecuteMultipleRequest
        {
            Requests = [new UpdateRequest { Target = Raised() }],
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });
        Assert.NotNull(Assert.Single(batch.Responses).Fault);
        Refused(() => Carl.Execute(new ExecuteTransactionRequest { Requests = [new UpdateRequest { Target = Raised() }] }));
        Refused(() => Carl.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = new EntityCollection([Raised()]) { EntityName = Policy.EntityLogicalName } }));
        Refused(() => Carl.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(Policy.EntityLogicalName, CreditTestIds.StandardPolicy),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        }));

        var standard = world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.HardCap, Policy.Fields.StateCode));
        Assert.Equal(250_000m, standard.GetAttributeValue<Money>(Policy.Fields.HardCap).Value);
        Assert.Equal(0, standard.GetAttributeValue<OptionSetValue>(Policy.Fields.StateCode).Value);
        Assert.Equal(policiesBefore, Policies());
    }

    [Fact]
    public void Carl_CannotMoveARuleIntoTheVersionInForce_ByAssociatingIt_NorByUpsertingIt()
    {
        var inForce = InForce;
        var rulesBefore = RulesOf(inForce);
        var loose = Carl.Create(new Entity(Rule.EntityLogicalName)
        {
            [Rule.Fields.Name] = "Late share [0, inf)",
            [Rule.Fields.Factor] = "LateShare",
            [Rule.Fields.Points] = 0m,
            [Rule.Fields.Weight] = 0.01m,
        });

        var associate = Refused(() => Carl.Execute(new AssociateRequest
        {
            Target = new EntityReference(RuleSet.EntityLogicalName, inForce),
            Relationship = new Relationship(RuleSetRules),
            RelatedEntities = [new EntityReference(Rule.EntityLogicalName, loose)],
        }));
        var upsert = Refused(() => Carl.Execute(new UpsertRequest
        {
            Target = new Entity(Rule.EntityLogicalName, loose) { [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, inForce) },
        }));
        var upsertNew = Refused(() => Carl.Execute(new UpsertRequest
        {
            Target = new Entity(Rule.EntityLogicalName, Guid.NewGuid())
            {
                [Rule.Fields.Name] = "Late share [0, inf)",
                [Rule.Fields.Factor] = "LateShare",
                [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, inForce),
            },
        }));

        Assert.Contains("is in force", associate, StringComparison.Ordinal);
        Assert.Contains("is in force", upsert, StringComparison.Ordinal);
        Assert.Contains("is in force", upsertNew, StringComparison.Ordinal);
        Assert.Equal(rulesBefore, RulesOf(inForce));
    }

    private int RulesOf(Guid ruleSet)
    {
        var query = new QueryExpression(Rule.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(Rule.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSet);
        return world.Service.RetrieveMultiple(query).Entities.Count;
    }

    private int Policies() => world.Service.RetrieveMultiple(new QueryExpression(Policy.EntityLogicalName) { ColumnSet = new ColumnSet(false) }).Entities.Count;
}
