extern alias plugins;

using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Collections;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using static CreditOS.Plugins.Tests.Controls.WebApiCall;
using static CreditOS.Testing.ServiceFaults;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Controls round 6: a sales rep hiding his overdue customer from collections. A collector set by hand sticks (the
/// assignment rules leave the account alone) and the account's receivables, action items and dunning follow that person;
/// Sam (Write on the accounts of his business unit) could name himself the collector of his customer, which took its 30,000
/// overdue off Colin's worklist for good, and so could the integration worker (Write on every account). Now only a credit
/// manager (Finance Approver) or the Credit Administrator sets it by hand. Through the local Dataverse with every plug-in,
/// and over the Web API with Sam's own token.
/// </summary>
public sealed class CollectorAssignmentControlTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid colin;

    public CollectorAssignmentControlTests()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(50_000).WithOpenReceivables(30_000).WithOverdue(30_000, 30_000, 60).Create(world.Service);
        AnInvoice().Numbered(1).Of(30_000m).IssuedDaysAgo(90).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        colin = world.ACollector(CollectionsWorld.Colin, "Colin Collector");
        world.Context.As(FixedIds.FinanceApprover).Update(Collector(colin));
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void Sam_CannotMakeHimselfTheCollectorOfHisOverdueCustomer_NorCanTheWorker_ButFionaAndCarlReassignIt()
    {
        var worker = world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create();
        var nora = world.ACollector(CollectionsWorld.Nora, "Nora Collector");

        var bySam = Refused(() => world.Context.As(FixedIds.SalesRep).Update(Collector(FixedIds.SalesRep)));
        var cleared = Refused(() => world.Context.As(FixedIds.SalesRep).Update(Collector(null)));
        var byWorker = Refused(() => world.Context.As(worker).Update(Collector(worker)));
        world.Context.As(FixedIds.SalesRep).Update(Collector(colin)); // the same collector again: no change
        world.Context.As(FixedIds.CreditOfficer).Update(Collector(nora));
        Assert.Equal(nora, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        world.Context.As(FixedIds.FinanceApprover).Update(Collector(colin));

        Assert.Contains($"The collector of 'Contoso Industrial' (open receivables 30,000.00, overdue 30,000.00) cannot be changed by you (from user {colin:D} to user {FixedIds.SalesRep:D})", bySam, StringComparison.Ordinal);
        Assert.Contains("Ask a credit manager (the 'creditOS Finance Approver' role) or the Credit Administrator to reassign it.", bySam, StringComparison.Ordinal);
        Assert.Contains($"(from user {colin:D} to nobody)", cleared, StringComparison.Ordinal);
        Assert.Contains($"to user {worker:D})", byWorker, StringComparison.Ordinal);
        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(colin, account.GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        Assert.Equal(FixedIds.FinanceApprover, account.GetAttributeValue<EntityReference>(Account.Fields.CollectorSetBy)?.Id);
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CollectorAssignmentPlugin)).Where(run => run.Stage == 20), run => Assert.InRange(run.ServiceCalls, 0, 1 + plugins::CreditOS.Dataverse.Credit.Collections.CollectorAssigners.MaximumCalls + plugins::CreditOS.Dataverse.Credit.Collections.CollectorCandidates.MaximumCalls));
    }

    [Fact]
    public async Task Sam_OverTheWebApi_CannotMakeHimselfTheCollectorOfHisOverdueCustomer()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.SalesRep);

        var answer = await SendAsync(people[FixedIds.SalesRep], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})",
            new JsonObject { ["cos_CollectorId@odata.bind"] = $"/systemusers({FixedIds.SalesRep:D})" });

        AssertRefused(answer, "The collector of 'Contoso Industrial' (open receivables 30,000.00, overdue 30,000.00) cannot be changed by you");
        Assert.Equal(colin, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
    }

    /// <summary>
    /// Round 7: who is named is checked too. Fiona (a credit manager, who may reassign) naming Sam the rep, Carl the Credit
    /// Administrator or a disabled collector would take the overdue customer off every worklist; a collector through a team
    /// and clearing (the rules assign one again) still pass.
    /// </summary>
    [Fact]
    public void Fiona_CannotNameARepAnAdministratorOrADisabledCollector_ButACollectorThroughATeamAndClearingPass()
    {
        var team = world.Context.ATeam("Collections team", null, SolutionRoles.Collector);
        var tess = world.Context.AUser("Tess Teamcollector").InTeam(team).Create();
        var gone = world.ACollector(CollectionsWorld.Nora, "Nora Collector");
        // (the local users are created without a domain name, which the local update asks for)
        world.Service.Update(new Entity("systemuser", gone) { ["isdisabled"] = true, ["domainname"] = "nora@contoso.example" });
        var carl = world.Context.AUser("Carl Configurer").WithRole(SolutionRoles.CreditAdministrator).Create();
        var fiona = world.Context.As(FixedIds.FinanceApprover);
        world.ForgetExecutions();

        var rep = Refused(() => fiona.Update(Collector(FixedIds.SalesRep)));
        var administrator = Refused(() => fiona.Update(Collector(carl)));
        var disabled = Refused(() => fiona.Update(Collector(gone)));
        Assert.Equal(colin, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        fiona.Update(Collector(tess));
        Assert.Equal(tess, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
        fiona.Update(Collector(null));

        Assert.Contains($"(user {FixedIds.SalesRep:D}) cannot be named the collector of 'Contoso Industrial' (open receivables 30,000.00, overdue 30,000.00)", rep, StringComparison.Ordinal);
        Assert.Contains("does not hold the 'creditOS Collector' role, directly or through a team", rep, StringComparison.Ordinal);
        Assert.Contains($"Carl Configurer (user {carl:D}) cannot be named the collector", administrator, StringComparison.Ordinal);
        Assert.Contains($"Nora Collector (user {gone:D}) is a disabled user", disabled, StringComparison.Ordinal);
        Assert.Null(world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId));
        Assert.All(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.CollectorAssignmentPlugin)).Where(run => run.Stage == 20),
            run => Assert.InRange(run.ServiceCalls, 0, 1 + plugins::CreditOS.Dataverse.Credit.Collections.CollectorAssigners.MaximumCalls + plugins::CreditOS.Dataverse.Credit.Collections.CollectorCandidates.MaximumCalls));
    }

    [Fact]
    public async Task Fiona_OverTheWebApi_CannotNameSamTheCollector()
    {
        await using var people = await PeopleOverTheWebApi.StartAsync(world, FixedIds.FinanceApprover);

        var answer = await SendAsync(people[FixedIds.FinanceApprover], HttpMethod.Patch, $"accounts({CreditTestIds.Customer:D})",
            new JsonObject { ["cos_CollectorId@odata.bind"] = $"/systemusers({FixedIds.SalesRep:D})" });

        AssertRefused(answer, $"(user {FixedIds.SalesRep:D}) cannot be named the collector of 'Contoso Industrial' (open receivables 30,000.00, overdue 30,000.00)");
        Assert.Equal(colin, world.Account(CreditTestIds.Customer).GetAttributeValue<EntityReference>(Account.Fields.CollectorId)?.Id);
    }

    private static Entity Collector(Guid? user) =>
        new(Account.EntityLogicalName, CreditTestIds.Customer) { [Account.Fields.CollectorId] = user is { } id ? new EntityReference("systemuser", id) : null };
}
