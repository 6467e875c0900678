extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using Agreement = CreditOS.Plugins.Tests.NightlyBatch.CollectionsSetBasedAgreementTests;
using BasisPlugin = plugins::CreditOS.Plugins.WorklistBasisPlugin;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// Session 22: a page asked for its worklist rows back whose caller stopped waiting (<c>HandBackWithinSeconds</c> passed while it
/// ran) writes the rows itself, one call each, and hands back none, so a call past the worker's batch timeout no longer loses
/// that night's worklist figures. Night after night every receivable and account equals the page writing its rows itself
/// (no hand-back asked), and the late page's calls are the handing-back page's plus one Update a row; within the deadline the rows are handed back.
/// </summary>
public sealed class PageHandBackDeadlineTests
{
    [Fact]
    public void APagePastItsCallersDeadline_WritesItsWorklistRowsItself_AsThePageWithoutHandBack_NightAfterNight()
    {
        using var pages = Agreement.AWorld(out var portfolio, heldOrders: true, typeof(BasisPlugin));
        using var late = Agreement.AWorld(out _, heldOrders: true, typeof(BasisPlugin));
        var writtenLate = 0;
        foreach (var night in new[] { 0, 3, 12 })
        {
            pages.Context.Clock.Advance(TimeSpan.FromDays(night));
            late.Context.Clock.Advance(TimeSpan.FromDays(night));
            foreach (var page in portfolio.AccountIds.Chunk(Agreement.PageSize))
            {
                pages.Service.Execute(Agreement.PageRequest(page));
                late.ForgetExecutions();
                var request = Agreement.PageRequest(page);
                request[PageApi.Request.ReturnWorklistRows] = true;
                // Zero seconds: the caller has stopped waiting by the time any row is ready.
                request[PageApi.Request.HandBackWithinSeconds] = 0;
                var answer = late.Service.Execute(request);
                Assert.Empty(RowsOf(answer));
                writtenLate += late.ExecutionsOf(typeof(BasisPlugin)).Count;
            }

            PageWorklistBulkWriteTests.AssertReceivablesAndAccountsEqual(pages, late, "night +" + night + ", late page");
        }

        // The rows went through the row-version check (each carried its basis), and none was stored with it.
        Assert.True(writtenLate > 20, "worklist rows the late pages wrote themselves: " + writtenLate);
        Assert.DoesNotContain(Agreement.Rows(late, Receivable.EntityLogicalName, byId: true), r => r.Contains(Receivable.Fields.WorklistBasis, StringComparison.Ordinal));
    }

    [Fact]
    public void WithinTheDeadline_TheRowsAreHandedBack_PastIt_TheSameRowsCostOneCallEach_AndANegativeDeadlineIsRefused()
    {
        using var world = Agreement.AWorld(out var portfolio, heldOrders: true, typeof(BasisPlugin));
        using var late = Agreement.AWorld(out _, heldOrders: true, typeof(BasisPlugin));
        var page = portfolio.AccountIds.Take(Agreement.PageSize).ToList();
        var (handedBack, handingBackCalls) = Run(world, page, withinSeconds: 3600);
        Assert.True(handedBack.Count >= 2, "rows handed back: " + handedBack.Count);
        Assert.All(handedBack, row => Assert.NotNull(row![Receivable.Fields.WorklistBasis]));
        Assert.Empty(world.ExecutionsOf(typeof(BasisPlugin)));

        // The same page past its deadline: the same calls plus one Update for each row it would have handed back.
        var (none, lateCalls) = Run(late, page, withinSeconds: 0);
        Assert.Empty(none);
        Assert.Equal(handingBackCalls + handedBack.Count, lateCalls);
        Assert.Equal(handedBack.Count, late.ExecutionsOf(typeof(BasisPlugin)).Count);

        var negative = Agreement.PageRequest(page);
        negative[PageApi.Request.ReturnWorklistRows] = true;
        negative[PageApi.Request.HandBackWithinSeconds] = -1;
        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Service.Execute(negative));
        Assert.Contains("HandBackWithinSeconds is -1", refused.Message, StringComparison.Ordinal);
    }

    private static JsonArray RowsOf(OrganizationResponse answer) =>
        JsonNode.Parse((string)answer.Results[PageApi.Response.WorklistRows])![Receivable.EntityLogicalName]!.AsArray();

    /// <summary>One page asking for its rows back within the seconds given: the rows handed back and the page's calls.</summary>
    private static (JsonArray Rows, int Calls) Run(CreditWorld world, IEnumerable<Guid> page, int withinSeconds)
    {
        var request = Agreement.PageRequest(page);
        request[PageApi.Request.ReturnWorklistRows] = true;
        request[PageApi.Request.HandBackWithinSeconds] = withinSeconds;
        world.ForgetExecutions();
        var rows = RowsOf(world.Service.Execute(request));
        return (rows, Assert.Single(world.ExecutionsOf(typeof(PagePlugin))).ServiceCalls);
    }
}
