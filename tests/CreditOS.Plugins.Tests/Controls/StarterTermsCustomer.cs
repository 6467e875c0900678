extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Sam's new customer (CreditTestIds.Customer): three invoices since November, all paid; two months of history, so still
/// on starter terms (limit 7,400.00) until it has three months. The controls that keep a customer from being given
/// history it did not have (rounds 8 and 11) start from it.
/// </summary>
internal static class StarterTermsCustomer
{
    public static void Create(CreditWorld world)
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        AnInvoice().Numbered(1).Of(4_000m).IssuedDaysAgo(70).SettledDaysAgo(45).Create(world.Service);
        AnInvoice().Numbered(2).Of(4_000m).IssuedDaysAgo(55).SettledDaysAgo(30).Create(world.Service);
        AnInvoice().Numbered(3).Of(4_000m).IssuedDaysAgo(40).SettledDaysAgo(15).Create(world.Service);
        Rescore(world);
    }

    /// <summary>Rescores the customer as the credit flow (SYSTEM), on demand.</summary>
    public static void Rescore(CreditWorld world) =>
        world.Service.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });
}
