extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using Tier = plugins::CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins.Tests;

/// <summary>The starter thresholds are the starter tier row's columns, read by the one configuration reader (the old cos_StarterThreshold* variables were never read).</summary>
public sealed class StarterTermsConfigurationTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void StarterThresholdsOnTheStarterTierRow_DecideWhenStarterTermsEnd()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 8_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        // Two years of invoices: past the shipped starter threshold.
        Rescore();
        Assert.False(world.Account(CreditTestIds.Customer).GetAttributeValue<bool>(Account.Fields.IsStarterTerms));

        // The admin raises the threshold on the starter tier row; the old reader ignored it and kept the shipped one.
        world.Service.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("STARTER")) { [Tier.Fields.StarterMinimumOrders] = 1_000 });
        Rescore();

        var account = world.Account(CreditTestIds.Customer);
        Assert.True(account.GetAttributeValue<bool>(Account.Fields.IsStarterTerms));
        Assert.Equal(CreditTestIds.TierId("STARTER"), account.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId).Id);
    }

    private void Rescore() =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
