extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.BureauReportBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Plugins.Tests.Profile;

/// <summary>
/// The account's credit profile columns, written by the credit flow through the local Dataverse with every plugin:
/// open and past-due balances and the bureau rating by rescoring, the posting date by the payment posting.
/// </summary>
public sealed class CreditProfileColumnsTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void Rescoring_WritesOpenAndPastDueBalances_AndTheBureauRating_AndAPayment_ItsPostingDate()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        foreach (var invoice in AHistoryOf(12, amount: 2_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(3_000m).IssuedDaysAgo(70).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        AnInvoice().Numbered(901).Of(5_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null).Create(world.Service);
        ABureauReport().WithSolvency(72).ReportedDaysAgo(10).Create(world.Service);

        var account = world.Account(CreditTestIds.Customer);
        Assert.Equal(8_000m, account.GetAttributeValue<Money>(Account.Fields.OpenReceivables).Value);
        Assert.Equal(3_000m, account.GetAttributeValue<Money>(Account.Fields.OverdueAmount).Value);
        Assert.StartsWith("B (solvency 72 of 100, report of ", account.GetAttributeValue<string>(Account.Fields.BureauRating), StringComparison.Ordinal);
        Assert.Null(account.GetAttributeValue<DateTime?>(Account.Fields.LastPostedOn));

        world.Context.Clock.Advance(TimeSpan.FromHours(3));
        APayment().Of(3_000m).Settling("INV-00900").Create(world.Service);

        account = world.Account(CreditTestIds.Customer);
        Assert.Equal(world.Context.Clock.GetUtcNow().UtcDateTime, account.GetAttributeValue<DateTime>(Account.Fields.LastPostedOn));
        Assert.Equal(0m, account.GetAttributeValue<Money>(Account.Fields.OverdueAmount).Value);
        Assert.Equal(5_000m, account.GetAttributeValue<Money>(Account.Fields.OpenReceivables).Value);
    }
}
