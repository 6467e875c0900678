extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;

namespace CreditOS.Plugins.Tests;

/// <summary>A customer with no payment evidence is "not yet scored" on the account row, on starter terms, never "Risk 0, Low".</summary>
public sealed class NotYetScoredTests
{
    [Fact]
    public void Rescoring_ACustomerWithNoPaymentEvidence_LeavesRiskEmptyAndKeepsStarterTerms()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(2_000m).IssuedDaysAgo(5).SettledDaysAgo(null).Create(world.Service);

        Rescore(world);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Null(account.GetAttributeValue<decimal?>(Account.Fields.RiskScore));
        Assert.Null(account.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel));
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
    }

    [Fact]
    public void Rescoring_AfterTheFirstSettledInvoice_GivesARiskFigureAndLevel()
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin));
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(2_000m).IssuedDaysAgo(40).SettledDaysAgo(12).Create(world.Service);

        Rescore(world);

        var account = world.Account(CreditTestIds.Customer);
        Assert.NotNull(account.GetAttributeValue<decimal?>(Account.Fields.RiskScore));
        Assert.NotNull(account.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel));
    }

    private static void Rescore(CreditWorld world) => world.Service.Execute(
        new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
