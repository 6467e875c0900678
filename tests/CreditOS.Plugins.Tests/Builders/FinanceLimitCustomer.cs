extern alias plugins;

using Microsoft.Xrm.Sdk;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Api = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using LimitWriter = plugins::CreditOS.Dataverse.Approvals.CreditLimitWriter;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>
/// A scored customer (CreditTestIds.Customer: two years of 1,000.00 invoices paid on time) whose limit of 10,000.00 Finance
/// approved until a review in 90 days, so rescorings keep it, with 9,500.00 open: INV-00900 of 9,000.00 and INV-00901 of
/// 500.00, neither due yet. A payment of INV-00901 rescores it and re-checks its held orders (controls round 29).
/// </summary>
internal static class FinanceLimitCustomer
{
    public const decimal Limit = 10_000m;

    public static void Create(CreditWorld world, string name)
    {
        AnAccount().Named(name).Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(24, amount: 1_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(9_000m).IssuedDaysAgo(5).DueAfter(30).Create(world.Service);
        AnInvoice().Numbered(901).Of(500m).IssuedDaysAgo(5).DueAfter(30).Create(world.Service);
        world.Service.Execute(Rescore());
        LimitWriter.Apply(
            world.Service,
            new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            Limit,
            world.Account(CreditTestIds.Customer),
            temporaryUntil: null,
            reviewOn: CreditTestIds.Today.AddDays(90),
            asOf: CreditTestIds.Today);
    }

    /// <summary>The on-demand rescoring of the customer (<c>cos_RescoreAccount</c>), which re-checks its held orders.</summary>
    public static OrganizationRequest Rescore() =>
        new(Api.UniqueName) { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) };
}
