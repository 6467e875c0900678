extern alias plugins;

using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using BasisPlugin = plugins::CreditOS.Plugins.WorklistBasisPlugin;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 21: a nightly page asked for its worklist rows back (<c>ReturnWorklistRows</c>) writes none of them, hands them back
/// with the row version each was computed from, and those rows written with UpdateMultiple leave every receivable as the page
/// writing them itself does, night after night, on the generated portfolio of <see cref="Agreement"/>. A receivable another
/// writer changed between the page's read and the bulk write keeps its newer row: <c>WorklistBasisPlugin</c> drops its
/// figures (UpdateMultiple does not apply ConcurrencyBehavior), and the basis is never stored.
/// </summary>
public sealed class PageWorklistBulkWriteTests
{
    [Fact]
    public void RowsHandedBackAndWrittenWithUpdateMultiple_LeaveEveryReceivableAsThePageWritingThem_NightAfterNight()
    {
        using var pages = Agreement.AWorld(out var portfolio, heldOrders: true, typeof(BasisPlugin));
        using var bulk = Agreement.AWorld(out _, heldOrders: true, typeof(BasisPlugin));
        var handedBack = 0;
        foreach (var night in new[] { 0, 3, 12, 20 })
        {
            pages.Context.Clock.Advance(TimeSpan.FromDays(night));
            bulk.Context.Clock.Advance(TimeSpan.FromDays(night));
            Agreement.SetBasedNight(pages, portfolio.AccountIds);
            foreach (var page in portfolio.AccountIds.Chunk(Agreement.PageSize))
            {
                var rows = HandedBack(bulk, page);
                // The page wrote none of the rows it handed back: each receivable is still at the version its figures came from.
                foreach (var row in rows.Entities)
                {
                    var stored = bulk.Service.Retrieve(Receivable.EntityLogicalName, row.Id, new ColumnSet(Receivable.Fields.ReceivableId));
                    Assert.Equal(row.GetAttributeValue<long>(Receivable.Fields.WorklistBasis).ToString(CultureInfo.InvariantCulture), stored.RowVersion);
                }

                handedBack += rows.Entities.Count;
                if (rows.Entities.Count > 0)
                {
                    bulk.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = rows });
                }
            }

            AssertReceivablesAndAccountsEqual(pages, bulk, "night +" + night + ", bulk write");
        }

        Assert.True(handedBack > 20, "worklist rows handed back over four nights: " + handedBack);
        Assert.DoesNotContain(Agreement.Rows(bulk, Receivable.EntityLogicalName, byId: true), r => r.Contains(Receivable.Fields.WorklistBasis, StringComparison.Ordinal));
    }

    [Fact]
    public void AReceivableChangedAfterThePageReadIt_KeepsItsNewerRow_WhileTheOthersGetTheirFigures()
    {
        using var world = Agreement.AWorld(out var portfolio, heldOrders: true, typeof(BasisPlugin));
        var rows = HandedBack(world, portfolio.AccountIds.Take(Agreement.PageSize));
        Assert.True(rows.Entities.Count >= 2, "rows handed back: " + rows.Entities.Count);
        var raced = rows.Entities[0];
        var other = rows.Entities[1];
        // A payment (or an ERP amendment) changes the invoice after the page read it: a new row version.
        var before = world.Service.Retrieve(Receivable.EntityLogicalName, raced.Id, new ColumnSet(true));
        var paid = Math.Round(before.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value / 2, 2);
        world.Service.Update(new Entity(Receivable.EntityLogicalName, raced.Id) { [Receivable.Fields.OpenAmount] = new Money(paid) });
        var changed = world.Service.Retrieve(Receivable.EntityLogicalName, raced.Id, new ColumnSet(true));

        world.ForgetExecutions();
        world.Service.Execute(new OrganizationRequest("UpdateMultiple") { ["Targets"] = rows });

        var after = world.Service.Retrieve(Receivable.EntityLogicalName, raced.Id, new ColumnSet(true));
        foreach (var column in plugins::CreditOS.Dataverse.Credit.Collections.WorklistBasis.FigureColumns)
        {
            Assert.Equal(Text(changed, column), Text(after, column));
        }

        Assert.Equal(paid, after.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        var written = world.Service.Retrieve(Receivable.EntityLogicalName, other.Id, new ColumnSet(true));
        foreach (var column in other.Attributes.Keys.Where(k => k != Receivable.Fields.WorklistBasis))
        {
            Assert.Equal(Text(other, column), Text(written, column));
        }

        Assert.False(written.Contains(Receivable.Fields.WorklistBasis), "the basis is checked, not stored");
        var checks = world.ExecutionsOf(typeof(BasisPlugin));
        Assert.Equal(rows.Entities.Count, checks.Count);
        Assert.All(checks, run => Assert.Equal(0, run.ServiceCalls));
        Assert.Contains(checks, run => run.Trace.Contains("not written", StringComparison.Ordinal));
    }

    /// <summary>Every receivable and account of <paramref name="other"/> equals <paramref name="pages"/>' (the page writing its rows itself).</summary>
    internal static void AssertReceivablesAndAccountsEqual(CreditWorld pages, CreditWorld other, string what)
    {
        foreach (var table in new[] { Receivable.EntityLogicalName, plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName })
        {
            var expected = Agreement.Rows(pages, table, byId: true);
            var actual = Agreement.Rows(other, table, byId: true);
            Assert.Equal(expected.Count, actual.Count);
            foreach (var (one, two) in expected.Zip(actual))
            {
                Assert.True(one == two, what + ", " + table + ":\n page writes " + one + "\n " + what + " " + two);
            }
        }
    }

    /// <summary>Runs one page asking for its worklist rows back and reads them as UpdateMultiple targets.</summary>
    private static EntityCollection HandedBack(CreditWorld world, IEnumerable<Guid> page)
    {
        var request = Agreement.PageRequest(page);
        request[PageApi.Request.ReturnWorklistRows] = true;
        var text = (string)world.Service.Execute(request).Results[PageApi.Response.WorklistRows];
        var rows = new EntityCollection { EntityName = Receivable.EntityLogicalName };
        foreach (var row in JsonNode.Parse(text)![Receivable.EntityLogicalName]!.AsArray())
        {
            var entity = new Entity(Receivable.EntityLogicalName, Guid.Parse(row![Receivable.Fields.ReceivableId]!.GetValue<string>()));
            foreach (var (column, value) in row.AsObject().Where(p => p.Key != Receivable.Fields.ReceivableId))
            {
                entity[column] = Typed(column, value);
            }

            rows.Entities.Add(entity);
        }

        return rows;
    }

    /// <summary>The plain JSON value as the column's type (the worker does this from the solution's metadata over the Web API).</summary>
    private static object? Typed(string column, JsonNode? value) => value is null ? null : column switch
    {
        Receivable.Fields.NextAction => new OptionSetValue(value.GetValue<int>()),
        Receivable.Fields.CollectorId => new EntityReference("systemuser", Guid.Parse(value.GetValue<string>())),
        Receivable.Fields.NextActionDue or Receivable.Fields.PredictedOn => DateTime.ParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        Receivable.Fields.CollectionReason => value.GetValue<string>(),
        Receivable.Fields.WorklistBasis => value.GetValue<long>(),
        _ => value.GetValue<decimal>(),
    };

    private static string Text(Entity row, string column) => row.Contains(column) ? row[column] switch
    {
        EntityReference reference => reference.Id.ToString(),
        OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
        Money money => money.Value.ToString(CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other?.ToString() ?? "∅",
    } : "∅";
}
