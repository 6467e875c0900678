extern alias plugins;

using CreditOS.Cli.Commands;
using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;

namespace CreditOS.Cli.Tests.Ledger;

/// <summary>
/// <c>creditos import-ruleset</c> through the local Dataverse's Web API, as an application user holding the Credit
/// Administrator role, with the configuration guard plugins registered: a calibrated file becomes a new, inactive
/// rule-set version with its rule rows and fitted evidence columns; a file in the wrong unit is refused before any call.
/// </summary>
public sealed class ImportRuleSetCommandTests : IAsyncLifetime, IDisposable
{
    private const string Token = "local-test-token-credit-admin-import";
    private static readonly Guid ApplicationId = new("a9910000-0000-4000-8000-00000000ad01");
    private static readonly Guid ShippedRuleSet = new("a9910000-0000-4000-8000-00000000ad02");
    private readonly string folder = Directory.CreateTempSubdirectory("creditos-import-").FullName;
    private readonly LocalDataverseEnvironment dataverse = new();
    private LocalDataverseWebApiServer? server;

    public async Task InitializeAsync()
    {
        var user = ApplicationUsers.Create(dataverse, "creditOS calibration import", ApplicationId);
        ApplicationUsers.AssignRole(dataverse, user, SolutionRoles.CreditAdministrator);
        // An environment already configured with the shipped defaults (the shipped rule-set version active), as an admin would have it.
        var shipped = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create();
        var ids = new Dictionary<string, Guid>();
        Guid IdOf(string key) => ids.TryGetValue(key, out var id) ? id : ids[key] = Guid.NewGuid();
        foreach (var row in Records.SeedRows(shipped, code => IdOf("policy:" + code), code => IdOf("tier:" + code))
            .Concat(Records.SeedScoringRows(shipped, ShippedRuleSet, code => IdOf("tier:" + code), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))))
        {
            dataverse.GetOrganizationService().Create(row);
        }

        dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.ScoringRuleGuardPlugin));
        dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.ScoringRuleSetActivationPlugin));
        dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.ConfigurationIntegrityPlugin));
        // Four-eyes (controls round 13; cos_ConfigurationFourEyes undefined here, so on): the import only proposes.
        dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.RuleSetFourEyesGuardPlugin));
        dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.ConfigurationActivationRecordPlugin));
        dataverse.RegisterPlugin(typeof(plugins::CreditOS.Plugins.ConfigurationActivationGuardPlugin));
        var options = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions { Enabled = false } };
        options.AccessTokens[Token] = ApplicationId;
        server = await LocalDataverseWebApiServer.StartAsync(dataverse, options);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        dataverse.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void CalibratedFile_IsImportedAsANewInactiveVersion_WithItsRulesAndFittedPrior()
    {
        var calibrated = Calibrated(version: Next);
        var file = Write("next.json", RuleSetVersionFile.ToJson(calibrated, "walk_forward_auc=0.812"));

        var (exitCode, output, error) = Import(file);

        Assert.True(exitCode == ExitCodes.Succeeded, error);
        Assert.Contains("Imported 'creditOS default' version " + Next, output, StringComparison.Ordinal);
        var ruleSet = Assert.Single(Rows(RuleSetTable.EntityLogicalName), r => r.Id != ShippedRuleSet);
        Assert.Equal(Next, ruleSet.GetAttributeValue<int>(RuleSetTable.Fields.Version));
        Assert.Equal(1, ruleSet.GetAttributeValue<OptionSetValue>(RuleSetTable.Fields.StateCode).Value);
        Assert.Equal(41.5m, ruleSet.GetAttributeValue<decimal>(RuleSetTable.Fields.PriorLateShare));
        Assert.Equal(0.5m, ruleSet.GetAttributeValue<decimal>(RuleSetTable.Fields.WeightOlder));
        // The portfolio-wide settings of the version in force are carried over, the fitted evidence is the file's.
        Assert.Equal(25m, ruleSet.GetAttributeValue<decimal>(RuleSetTable.Fields.RiskMediumFrom));
        var rules = Rows(RuleTable.EntityLogicalName).Where(r => r.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId).Id == ruleSet.Id).ToList();
        Assert.Equal(calibrated.Rules.Sum(r => r.Bands.Count), rules.Count);
        Assert.All(rules, r => Assert.Equal(0, r.GetAttributeValue<OptionSetValue>(RuleTable.Fields.StateCode).Value));
    }

    [Fact]
    public void SameFileTwice_GetsTheNextVersion()
    {
        var file = Write("next.json", RuleSetVersionFile.ToJson(Calibrated(version: Next), "first"));

        Assert.Equal(ExitCodes.Succeeded, Import(file).ExitCode);
        var (exitCode, output, _) = Import(file);

        Assert.Equal(ExitCodes.Succeeded, exitCode);
        Assert.Contains("version " + (Next + 1), output, StringComparison.Ordinal);
        Assert.Equal([Next - 1, Next, Next + 1], Rows(RuleSetTable.EntityLogicalName).Select(r => r.GetAttributeValue<int>(RuleSetTable.Fields.Version)).Order().ToArray());
    }

    [Fact]
    public void FileInPercentWhereTheEngineMeasuresARatio_IsRefused_AndNothingIsImported()
    {
        var shipped = DefaultScoringRules.Create();
        var inPercent = shipped with
        {
            Version = Next,
            Rules = shipped.Rules.Select(r => r.Factor == ScoringFactor.RevenueVsSegment
                ? r with { Bands = r.Bands.Select(b => new ScoreBand(b.LowerBound * 100, b.UpperBound * 100, b.Points)).ToList() }
                : r).ToList(),
        };
        var file = Write("percent.json", RuleSetVersionFile.ToJson(inPercent, "wrong unit"));

        var (exitCode, _, error) = Import(file);

        Assert.Equal(ExitCodes.MalformedInput, exitCode);
        Assert.Contains("factor RevenueVsSegment: band edge(s) 100, 200 lie outside 0 to 50", error, StringComparison.Ordinal);
        Assert.Equal(ShippedRuleSet, Assert.Single(Rows(RuleSetTable.EntityLogicalName)).Id);
    }

    /// <summary>The version a calibration of the shipped rule set gets.</summary>
    private const int Next = DefaultScoringRules.Version + 1;

    private static ScoringRuleSet Calibrated(int version)
    {
        var shipped = DefaultScoringRules.Create();
        return shipped with { Version = version, Evidence = shipped.Evidence with { PriorLateShare = 0.415, WeightOlder = 0.5 } };
    }

    private (int ExitCode, string Output, string Error) Import(string file)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var http = ImportRuleSetCommand.Client(new Uri(server!.ServiceRoot, "/"), Token);
        var exitCode = ImportRuleSetCommand.Run(new FileInfo(file), http, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private List<Entity> Rows(string table) =>
        dataverse.GetOrganizationService().RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities.ToList();

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
