extern alias plugins;

using System.Xml.Linq;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Solution.Files;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using RescoreAccountApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Rule = plugins::CreditOS.Dataverse.Model.CollectorAssignmentRule;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>
/// Issue 13, "workload shown per collector; reassignable by hand": the shipped "Collector workload" chart and view, read
/// as Carl (Credit Administrator) through the local Dataverse, show each collector's accounts and balances; a collector
/// Carl sets by hand survives the assignment rules night after night, and the chart follows the move.
/// </summary>
public sealed class CollectorWorkloadTests
{
    private const string WorkloadChart = "src/Entities/account/Visualizations/{5aa1c24e-8866-53ee-8546-b26fc5cffca5}.xml";
    private const string WorkloadView = "src/Entities/account/SavedQueries/{a13eccdc-f005-597d-8b0f-9ee5d9cfae04}.xml";

    [Fact]
    public void TheWorkloadChart_ShowsEachCollectorsAccountsAndBalances_AndAHandReassignmentSurvivesTheRulesEveryNight()
    {
        using var world = CreditWorld.WithAllPlugins();
        AnAccount().Create(world.Service);
        AnAccount().WithId(CreditTestIds.SecondCustomer).Named("Second customer").Create(world.Service);
        AnInvoice().Numbered(1).Of(8_000m).IssuedDaysAgo(60).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(2).Of(3_000m).IssuedDaysAgo(10).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(3).For(CreditTestIds.SecondCustomer).Of(2_500m).IssuedDaysAgo(50).DueAfter(30).Create(world.Service);
        var colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        var nora = world.ACollector(CollectionsWorld.Nora, "Nora Collector");
        var carl = world.Context.As(FixedIds.CreditOfficer);
        carl.Create(new Entity(Rule.EntityLogicalName) { [Rule.Fields.Name] = "Everyone", [Rule.Fields.Priority] = 1, [Rule.Fields.CollectorId] = new EntityReference("systemuser", colin) });

        Nightly(world);
        var byRules = Workload(carl);
        carl.Update(new Entity(Account.EntityLogicalName, CreditTestIds.SecondCustomer) { [Account.Fields.CollectorId] = new EntityReference("systemuser", nora) });
        for (var night = 1; night <= 3; night++)
        {
            world.Tomorrow();
            Nightly(world);
        }

        var afterNights = Workload(carl);
        var view = carl.RetrieveMultiple(new FetchExpression(FetchOf(WorkloadView, "savedquery"))).Entities;

        Assert.Equal([(colin, 2, 13_500m, 10_500m)], byRules);
        Assert.Equal([(colin, 1, 11_000m, 8_000m), (nora, 1, 2_500m, 2_500m)], afterNights.OrderBy(w => w.Collector == nora).ToList());
        Assert.Equal(nora, world.Account(CreditTestIds.SecondCustomer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId).Id);
        Assert.Equal(FixedIds.CreditOfficer, world.Account(CreditTestIds.SecondCustomer).GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy).Id);
        Assert.Equal(2, view.Count);
    }

    /// <summary>The worker's daily batch for both customers (cos_RescoreAccount, Trigger = scheduled).</summary>
    private static void Nightly(CreditWorld world)
    {
        foreach (var account in new[] { CreditTestIds.Customer, CreditTestIds.SecondCustomer })
        {
            world.Service.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName)
            {
                ["Target"] = new EntityReference(Account.EntityLogicalName, account),
                [RescoreAccountApi.Request.Trigger] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.ScoreTrigger.Scheduled),
            });
        }
    }

    /// <summary>The chart's aggregate FetchXML as shipped, run as the caller: per collector, accounts, open and overdue.</summary>
    private static List<(Guid Collector, int Accounts, decimal Open, decimal Overdue)> Workload(IOrganizationService caller) =>
        [.. caller.RetrieveMultiple(new FetchExpression(FetchOf(WorkloadChart, "visualization"))).Entities.Select(row => (
            ((EntityReference)row.GetAttributeValue<AliasedValue>("collector").Value).Id,
            (int)row.GetAttributeValue<AliasedValue>("accounts").Value,
            ((Money)row.GetAttributeValue<AliasedValue>("open").Value).Value,
            ((Money)row.GetAttributeValue<AliasedValue>("overdue").Value).Value))];

    private static string FetchOf(string path, string root)
    {
        using var stream = new EmbeddedSolutionFileSource().Open(path);
        var document = XDocument.Load(stream);
        if (root == "visualization")
        {
            var description = XDocument.Parse(document.Root!.Element("datadescription")!.Value);
            return description.Descendants("fetch").Single().ToString();
        }

        return document.Descendants("fetch").Single().ToString();
    }
}
