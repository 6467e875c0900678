extern alias plugins;

using System.Text.Json;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using Plugin = plugins::CreditOS.Plugins.PaymentHistoryReportPlugin;

namespace CreditOS.Plugins.Tests.Reports;

/// <summary>
/// cos_PaymentHistoryReport (the account's printable payment history page asks it): the engine's 24-month report of
/// the account's rows, as JSON, read as the caller, in four queries whatever the history.
/// </summary>
public sealed class PaymentHistoryReportApiTests : IDisposable
{
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheReport_CoversTheLast24Months_WithTheAccountsInvoicesAndDisputes()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(50_000).Create(world.Service);
        foreach (var invoice in AHistoryOf(12, amount: 2_000m, everyDays: 30))
        {
            invoice.Create(world.Service);
        }

        AnInvoice().Numbered(900).Of(3_000m).IssuedDaysAgo(20).DueAfter(30).SettledDaysAgo(null).Disputed().Create(world.Service);
        world.ForgetExecutions();

        var report = Report(FixedIds.FinanceApprover);

        Assert.Equal("Contoso Industrial", report.GetProperty("customerName").GetString());
        Assert.Equal("USD", report.GetProperty("currency").GetString());
        var months = report.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(24, months.Count);
        Assert.Equal(months.Sum(m => m.GetProperty("invoicesIssued").GetInt32()), report.GetProperty("invoicesIssued").GetInt32());
        Assert.Equal(13, report.GetProperty("invoicesIssued").GetInt32());
        Assert.Equal(1, report.GetProperty("disputedInvoices").GetInt32());
        Assert.True(report.GetProperty("openNow").GetDecimal() >= 3_000m);
        Assert.Equal(4, world.ExecutionsOf(typeof(Plugin)).Single().ServiceCalls);
    }

    [Fact]
    public void TheReport_ShowsADiscountTakenByARealPosting_AndOneMissedByAnInvoicePaidAfterItsDiscountDate()
    {
        AnAccount().Named("Contoso Industrial").WithLimit(50_000).Create(world.Service);
        world.Service.Create(OfferingDiscount(AnInvoice().Numbered(1).Of(1_000m).IssuedDaysAgo(5).DueAfter(30).SettledDaysAgo(null), 2m, CreditTestIds.Today.AddDays(5)));
        world.Service.Create(OfferingDiscount(AnInvoice().Numbered(2).Of(2_500m).IssuedDaysAgo(25).DueAfter(30).SettledDaysAgo(null), 2m, CreditTestIds.Today.AddDays(-15)));

        APayment().WithErpId("PAY-980").Of(980m).TakingDiscount(20m).Settling("INV-00001").Create(world.Service);
        APayment().WithErpId("PAY-2500").Of(2_500m).Settling("INV-00002").Create(world.Service);
        world.ForgetExecutions();

        var report = Report(FixedIds.FinanceApprover);

        Assert.Equal(20m, report.GetProperty("discountsTaken").GetDecimal());
        Assert.Equal(1, report.GetProperty("discountsMissed").GetInt32());
        Assert.Equal(50m, report.GetProperty("discountsMissedAmount").GetDecimal());
        var thisMonth = report.GetProperty("months").EnumerateArray().Last();
        Assert.Equal(20m, thisMonth.GetProperty("discountsTaken").GetDecimal());
        Assert.Equal(50m, thisMonth.GetProperty("discountsMissedAmount").GetDecimal());
        Assert.Equal(4, world.ExecutionsOf(typeof(Plugin)).Single().ServiceCalls);
    }

    private static Entity OfferingDiscount(ReceivableBuilder invoice, decimal percent, DateTime until)
    {
        var row = invoice.Build();
        row[Receivable.Fields.DiscountPercent] = percent;
        row[Receivable.Fields.DiscountDate] = until.Date;
        return row;
    }

    private JsonElement Report(Guid userId)
    {
        var response = world.Context.As(userId).Execute(new OrganizationRequest("cos_PaymentHistoryReport")
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        });
        return JsonDocument.Parse((string)response.Results["Report"]).RootElement;
    }
}
