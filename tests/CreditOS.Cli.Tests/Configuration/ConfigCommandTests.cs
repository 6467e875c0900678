using CreditOS.Cli.Commands;
using CreditOS.Cli.Configuration;
using CreditOS.Cli.Demo;
using CreditOS.Dataverse.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Tests.Configuration;

/// <summary>
/// <c>creditos config</c> against the embedded local Dataverse with the shipped configuration and every plug-in registered, through
/// its local Web API as a Credit Administrator (role and field security profile as packed): the settings listed by display name and
/// in labels with where they are read; a proposal written as the configuration change page writes it (and decided by the same guard,
/// which records the basis); wrong values named with their figures before anything is written.
/// </summary>
public sealed class ConfigCommandTests : IAsyncLifetime
{
    private LocalConfigurationEnvironment? local;

    public async Task InitializeAsync() => local = await LocalConfigurationEnvironment.StartAsync(new DemoOptions());

    public async Task DisposeAsync()
    {
        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }

    [Fact]
    public void List_NamesEachSettingByDisplayName_WithItsValueInLabels_AndWhereItIsRead()
    {
        var (exitCode, output, error) = Config((settings, writer) => settings.ListAsync(writer));

        Assert.True(exitCode == ExitCodes.Succeeded, error);
        Assert.Contains("Credit policy (cos_creditpolicy)", output, StringComparison.Ordinal);
        Assert.Contains("Read by: CreditConfigurationReader", output, StringComparison.Ordinal);
        Assert.Contains("Approval authority (cos_approvalauthority)", output, StringComparison.Ordinal);
        var standard = Section(output, "  Standard (");
        Assert.Matches(@"Hard cap \(cos_hardcap\)\s+250,000\.00", standard);
        Assert.Matches(@"Grace period \(days\) \(cos_gracedays\)\s+5\r?\n", standard);
        Assert.Matches(@"\(cos_requiresapproval\)\s+No", standard);
        // A tier's policy is shown by the policy's name, not its id.
        var watchTier = Section(output[output.IndexOf("(cos_credittier)", StringComparison.Ordinal)..], "  Watch (");
        Assert.Matches(@"\(cos_creditpolicyid\)\s+Watch\r?\n", watchTier);
    }

    [Fact]
    public void Propose_WritesTheChangeThePageWrites_ValuesByLabel_AndTheGuardRecordsItsBasis()
    {
        var (exitCode, output, error) = Config((settings, writer) => ConfigCommand.Propose(settings, writer, "Credit policy", "Standard",
            ["Hard cap=400,000", "Grace period (days)=10", "Trusted channel=web shop", "Every order needs Finance approval=Yes"], delete: false));

        Assert.True(exitCode == ExitCodes.Succeeded, error);
        Assert.Contains("Hard cap: 250,000.00 → 400,000.00", output, StringComparison.Ordinal);
        Assert.Contains("Trusted channel: EDI → Web shop", output, StringComparison.Ordinal);
        var change = Assert.Single(Changes());
        var policy = Row(CreditPolicy.EntityLogicalName, "Standard");
        Assert.Equal(CreditPolicy.EntityLogicalName, change.GetAttributeValue<string>("cos_configurationtable"));
        Assert.Equal(policy.Id.ToString(), change.GetAttributeValue<string>("cos_configurationrowid"));
        Assert.Equal("cos_hardcap = 400000.00\ncos_gracedays = 10\ncos_trustedchannel = 412500001\ncos_requiresapproval = yes", change.GetAttributeValue<string>("cos_changes"));
        Assert.Contains("cos_hardcap = 250000.00", change.GetAttributeValue<string>("cos_basis"), StringComparison.Ordinal);
        Assert.Equal(0, change.GetAttributeValue<OptionSetValue>("statecode").Value);
        // Proposed, not applied: the policy is unchanged until a second administrator applies it.
        Assert.Equal(250_000m, policy.GetAttributeValue<Money>(CreditPolicy.Fields.HardCap).Value);
    }

    [Fact]
    public void Propose_ALookupByTheRowsName_IsTheRowsId()
    {
        var (exitCode, output, error) = Config((settings, writer) => ConfigCommand.Propose(settings, writer, "cos_credittier", "Watch", ["Credit policy=Restricted"], delete: false));

        Assert.True(exitCode == ExitCodes.Succeeded, error);
        Assert.Contains("Credit policy: Watch → Restricted", output, StringComparison.Ordinal);
        Assert.Equal("cos_creditpolicyid = " + Row(CreditPolicy.EntityLogicalName, "Restricted").Id, Assert.Single(Changes()).GetAttributeValue<string>("cos_changes"));
    }

    [Fact]
    public void Propose_ValuesOutsideTheColumnsPrecisionOrRange_AreNamedWithTheirFigures_AndNothingIsProposed()
    {
        var (exitCode, _, error) = Config((settings, writer) => ConfigCommand.Propose(settings, writer, "Credit policy", "Standard",
            ["Hard cap=400000.125", "Base limit=-5", "Grace period (days)=2.5", "Trusted channel=Fax", "Colour=blue"], delete: false));

        Assert.Equal(ExitCodes.MalformedInput, exitCode);
        Assert.Contains("Hard cap: 400000.125 has 3 decimal places; this column keeps 2.", error, StringComparison.Ordinal);
        Assert.Contains("Base limit: -5.00 is below the minimum 0.00.", error, StringComparison.Ordinal);
        Assert.Contains("Grace period (days): 2.5 has 1 decimal place; this column takes whole numbers.", error, StringComparison.Ordinal);
        Assert.Contains("Trusted channel: 'Fax' is not a choice of this column", error, StringComparison.Ordinal);
        Assert.Contains("A change of a Credit policy cannot set 'Colour'", error, StringComparison.Ordinal);
        Assert.Empty(Changes());
    }

    [Fact]
    public void Propose_AnUnknownRowOrTable_IsNamed_AndNothingIsProposed()
    {
        var unknownRow = Config((settings, writer) => ConfigurationProposal(settings, writer, "Credit policy", "Gold"));
        var unknownTable = Config((settings, writer) => ConfigurationProposal(settings, writer, "Account", "Standard"));

        Assert.Equal(ExitCodes.MalformedInput, unknownRow.ExitCode);
        Assert.Contains("No Credit policy is called 'Gold'; there are ", unknownRow.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.MalformedInput, unknownTable.ExitCode);
        Assert.Contains("'Account' is not a table a configuration change sets", unknownTable.Error, StringComparison.Ordinal);
        Assert.Empty(Changes());
    }

    private static Task ConfigurationProposal(CreditSettings settings, TextWriter writer, string table, string row) =>
        ConfigCommand.Propose(settings, writer, table, row, ["Grace period (days)=10"], delete: false);

    private (int ExitCode, string Output, string Error) Config(Func<CreditSettings, TextWriter, Task> action)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var http = local!.Client();
        var exitCode = ConfigCommand.Run(http, output, error, action);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Section(string text, string start)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, "no section " + start);
        var end = text.IndexOf("\n  ", text.IndexOf('\n', from) + 1, StringComparison.Ordinal);
        while (end >= 0 && text[end + 3] == ' ')
        {
            end = text.IndexOf("\n  ", end + 1, StringComparison.Ordinal);
        }

        return end < 0 ? text[from..] : text[from..(end + 1)];
    }

    private List<Entity> Changes() => local!.Dataverse.GetOrganizationService()
        .RetrieveMultiple(new QueryExpression("cos_configurationchange") { ColumnSet = new ColumnSet(true) }).Entities.ToList();

    private Entity Row(string table, string name)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        query.Criteria.AddCondition("cos_name", ConditionOperator.Equal, name);
        return local!.Dataverse.GetOrganizationService().RetrieveMultiple(query).Entities.Single();
    }
}
