extern alias plugins;

using Microsoft.Xrm.Sdk;
using ConfigurationRecords = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using Currency = plugins::CreditOS.Dataverse.Model.TransactionCurrency;
using DefaultConfiguration = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;

namespace CreditOS.Benchmarks;

/// <summary>What every benchmark with the plugins registered needs first: a currency and the shipped credit configuration.</summary>
internal static class CreditReferenceData
{
    /// <summary>Creates the currency (with the given id, or a new one) and the default policies, tiers and rules; returns the currency.</summary>
    /// <param name="materialScoreChange">When given, the shipped default rule set is also seeded as rows (cos_scoringruleset and its rules and tier matrix) with this material score change, as an administrator would set it.</param>
    public static EntityReference Seed(IOrganizationService service, string isoCode, string name, string symbol, Guid? currencyId = null, bool importEnvironmentVariables = true, decimal? materialScoreChange = null)
    {
        var currency = new Entity(Currency.EntityLogicalName, currencyId ?? Guid.NewGuid())
        {
            [Currency.Fields.ISOCurrencyCode] = isoCode,
            [Currency.Fields.CurrencyName] = name,
            [Currency.Fields.CurrencySymbol] = symbol,
            [Currency.Fields.ExchangeRate] = 1m,
            [Currency.Fields.CurrencyPrecision] = 2,
        };
        var reference = new EntityReference(Currency.EntityLogicalName, service.Create(currency));
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        Guid IdOf(string key) => ids.TryGetValue(key, out var id) ? id : ids[key] = Guid.NewGuid();
        foreach (var row in ConfigurationRecords.SeedRows(DefaultConfiguration.Create(), code => IdOf("policy:" + code), code => IdOf("tier:" + code)).ToList())
        {
            service.Create(row);
        }

        if (materialScoreChange is { } threshold)
        {
            var configuration = DefaultConfiguration.Create() with { ScoreMateriality = new plugins::CreditOS.CreditEngine.Scoring.ScoreMateriality(threshold) };
            foreach (var row in ConfigurationRecords.SeedScoringRows(configuration, Guid.NewGuid(), code => IdOf("tier:" + code), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).ToList())
            {
                service.Create(row);
            }
        }

        if (importEnvironmentVariables)
        {
            ImportEnvironmentVariables(service);
        }

        return reference;
    }

    /// <summary>The solution's environment variable definitions with their defaults (the payment posting reads its sanity limits there).</summary>
    private static void ImportEnvironmentVariables(IOrganizationService service)
    {
        var files = new CreditOS.Solution.Files.EmbeddedSolutionFileSource();
        foreach (var path in files.List("src/environmentvariabledefinitions").Where(p => p.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var stream = files.Open(path);
            var definition = System.Xml.Linq.XDocument.Load(stream).Root!;
            service.Create(new Entity("environmentvariabledefinition")
            {
                ["schemaname"] = (string)definition.Attribute("schemaname")!,
                ["defaultvalue"] = definition.Element("defaultvalue")?.Value,
            });
        }
    }
}
