extern alias plugins;

using System.Text.Json;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
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

    private JsonElement Report(Guid userId)
    {
        var response = world.Context.As(userId).Execute(new OrganizationRequest("cos_PaymentHistoryReport")
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        });
        return JsonDocument.Parse((string)response.Results["Report"]).RootElement;
    }
}
