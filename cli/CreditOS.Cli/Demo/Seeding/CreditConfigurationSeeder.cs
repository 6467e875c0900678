extern alias plugins;

using BureauAlertRuleRecords = plugins::CreditOS.Dataverse.Credit.Configuration.BureauAlertRuleRecords;
using CreditConfigurationRecords = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using Microsoft.Xrm.Sdk;
using ShippedConfiguration = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>
/// Writes the engine's default configuration (as compiled into the plugin assembly, whose mapping takes its own copy
/// of the engine's types) as the records administrators keep in Dataverse, through the plugins'
/// one engine → rows mapping (<see cref="CreditConfigurationRecords"/>): policies, tiers (each pointing to its policy),
/// the scoring rule set with its settings and one rule row per factor band, the tier matrix as value/risk score
/// ranges, and the bureau alert rules. Policies first, so every tier's lookup resolves.
/// </summary>
internal static class CreditConfigurationSeeder
{
    public static (IReadOnlyDictionary<string, Guid> Policies, IReadOnlyDictionary<string, Guid> Tiers, Guid RuleSet) Seed(
        IOrganizationService service, DateTime effectiveFrom)
    {
        var configuration = ShippedConfiguration.Create();
        var policies = configuration.Policies.ToDictionary(p => p.Code, _ => Guid.NewGuid(), StringComparer.Ordinal);
        var tiers = configuration.Tiers.ToDictionary(t => t.Code, _ => Guid.NewGuid(), StringComparer.Ordinal);
        var ruleSetId = Guid.NewGuid();
        foreach (var row in CreditConfigurationRecords.SeedRows(configuration, code => policies[code], code => tiers[code])
            .Concat(CreditConfigurationRecords.SeedScoringRows(configuration, ruleSetId, code => tiers[code], effectiveFrom))
            .Concat(BureauAlertRuleRecords.SeedRows(configuration.Alerts)))
        {
            service.Create(row);
        }

        return (policies, tiers, ruleSetId);
    }
}
