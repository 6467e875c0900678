extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Plugins.Tests.Profile;

/// <summary>
/// Issue 15, session 16: aging is computed where it is shown (the credit panel, the dashboard's Aging web resource),
/// not stored by rescoring. Buckets move with the calendar alone, so storing them rewrote every account with an unpaid
/// invoice as it aged. The account keeps the open and overdue totals the order check decides on; the five bucket columns
/// are gone from the table.
/// </summary>
public sealed class AgingNotStoredTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheAccountHasNoAgingBucketColumns()
    {
        var account = world.Dataverse.Metadata.FindTable(Account.EntityLogicalName)!;

        Assert.All(
            ["cos_currentbalance", "cos_aging1to30", "cos_aging31to60", "cos_aging61to90", "cos_agingover90"],
            column => Assert.Null(account.FindColumn(column)));
        Assert.NotNull(account.FindColumn(Account.Fields.OpenReceivables));
        Assert.NotNull(account.FindColumn(Account.Fields.OverdueAmount));
    }

    [Fact]
    public void Rescoring_KeepsTheOpenAndOverdueTotals_AsInvoicesAge()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(12, amount: 2_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        // Due in 10 days, 5, 45, 75 and 120 days past due (every invoice is due 30 days after it is issued).
        AnInvoice().Numbered(900).Of(4_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(901).Of(2_500m).IssuedDaysAgo(35).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(902).Of(1_750m).IssuedDaysAgo(75).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(903).Of(900m).IssuedDaysAgo(105).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(904).Of(3_100m).IssuedDaysAgo(150).DueAfter(30).SettledDaysAgo(null).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(12_250m, Money(account, Account.Fields.OpenReceivables));
        Assert.Equal(2_500m + 1_750m + 900m + 3_100m, Money(account, Account.Fields.OverdueAmount));

        // Thirty days later the invoice that was not yet due is past due: the overdue total moves, the open total stays.
        world.Context.Clock.Advance(TimeSpan.FromDays(30));
        world.Service.Execute(new OrganizationRequest("cos_RescoreAccount") { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });

        account = world.Account(CreditTestIds.Customer);
        Assert.Equal(12_250m, Money(account, Account.Fields.OpenReceivables));
        Assert.Equal(12_250m, Money(account, Account.Fields.OverdueAmount));
    }

    private static decimal Money(Entity account, string column) => account.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
