extern alias plugins;

using System.Globalization;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Xunit.Abstractions;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using RescorePlugin = plugins::CreditOS.Plugins.RescoreAccountPlugin;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// What a night with nothing new writes: the nightly batch run once, then again one day later with no payment, invoice
/// or configuration change in between; every receivable and account column the second night changed is counted.
/// </summary>
public sealed class QuietNightTests(ITestOutputHelper output)
{
    private const int Customers = 40;

    [Fact]
    public void ASecondNightWithNoEvents_ColumnsWritten()
    {
        using var world = CreditWorld.WithPlugins(typeof(RescorePlugin), typeof(PagePlugin));
        var portfolio = GeneratedPortfolio.Load(world.Service, customers: Customers, heldOrders: false);
        Night(world, portfolio.AccountIds);
        var written = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var day = 1; day <= 3; day++)
        {
            var before = Rows(world);
            world.Context.Clock.Advance(TimeSpan.FromDays(1));
            world.ForgetExecutions();
            Night(world, portfolio.AccountIds);
            var calls = world.ExecutionsOf(typeof(PagePlugin)).Sum(e => e.ServiceCalls);
            var after = Rows(world);
            var rowsWritten = 0;
            foreach (var (key, row) in after)
            {
                var old = before[key];
                var changed = row.Where(c => !old.TryGetValue(c.Key, out var value) || value != c.Value).Select(c => c.Key).ToList();
                rowsWritten += changed.Count > 0 ? 1 : 0;
                foreach (var column in changed)
                {
                    written[key.Split('/')[0] + "." + column] = written.GetValueOrDefault(key.Split('/')[0] + "." + column) + 1;
                }
            }

            output.WriteLine("night +" + day + ": " + calls + " calls, " + rowsWritten + " rows written");
        }

        foreach (var (column, count) in written)
        {
            output.WriteLine(column + ": " + count);
        }
    }

    private static void Night(CreditWorld world, IReadOnlyList<Guid> accountIds)
    {
        foreach (var page in accountIds.Chunk(13))
        {
            world.Service.Execute(new OrganizationRequest(PageApi.UniqueName)
            {
                [PageApi.Request.AccountIds] = page.Select(id => id.ToString("D")).ToArray(),
                [PageApi.Request.Trigger] = new OptionSetValue((int)ScoreTrigger.Scheduled),
            });
        }
    }

    private static Dictionary<string, Dictionary<string, string>> Rows(CreditWorld world)
    {
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in new[] { Account.EntityLogicalName, Receivable.EntityLogicalName })
        {
            foreach (var row in world.Service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities)
            {
                rows[table + "/" + row.Id] = row.Attributes.Where(a => a.Key is not "versionnumber" and not "modifiedon").ToDictionary(a => a.Key, a => Text(a.Value), StringComparer.Ordinal);
            }
        }

        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        EntityReference reference => reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
