extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Plugins.Tests.Profile;

/// <summary>
/// The account's aging columns (current balance and the four past-due buckets), written by rescoring from the open
/// receivables aggregate it already reads, through the local Dataverse with every plugin.
/// </summary>
public sealed class AgingColumnsTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void Rescoring_WritesEachAgingBucket_AndMovesThemAsInvoicesAge()
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
        Assert.Equal([4_000m, 2_500m, 1_750m, 900m, 3_100m], Buckets(account));
        Assert.Equal(Money(account, Account.Fields.OverdueAmount), Buckets(account).Skip(1).Sum());
        Assert.Equal(Money(account, Account.Fields.OpenReceivables), Buckets(account).Sum());

        // Thirty days later each invoice is one bucket older; the rescoring moves the amounts.
        world.Context.Clock.Advance(TimeSpan.FromDays(30));
        world.Service.Execute(new OrganizationRequest("cos_RescoreAccount") { ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer) });

        account = world.Account(CreditTestIds.Customer);
        Assert.Equal([0m, 4_000m, 2_500m, 1_750m, 900m + 3_100m], Buckets(account));
    }

    private static decimal[] Buckets(Entity account) =>
    [
        Money(account, Account.Fields.CurrentBalance),
        Money(account, Account.Fields.Aging1To30),
        Money(account, Account.Fields.Aging31To60),
        Money(account, Account.Fields.Aging61To90),
        Money(account, Account.Fields.AgingOver90),
    ];

    private static decimal Money(Entity account, string column) => account.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
