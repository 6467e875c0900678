extern alias plugins;

using System.Collections.Concurrent;
using System.Globalization;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Plugins.Tests.Concurrency;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.PaymentBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Payments;

/// <summary>
/// Payments on the same invoice posted at the same moment, through the local Dataverse's pipeline with its real row
/// locks: every trial is a fresh customer with one open invoice of 10,000, and 2 (or 8) threads released together each
/// post a payment naming it. Each payment's application must survive: the invoice ends at 10,000 minus every amount.
/// Without the account lock before the read, the second writer overwrites the first one's absolute open amount.
/// </summary>
[Collection(nameof(ConcurrencyCollection))]
public sealed class ConcurrentPaymentTests
{
    private const int Trials = 1_000;
    private const decimal InvoiceAmount = 10_000m;

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public void PaymentsOnTheSameInvoiceAtOnce_NoApplicationIsLost_In1000Trials(int atOnce)
    {
        using var world = CreditWorld.WithPlugins(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin));
        var invoices = new Guid[Trials];
        var failures = new ConcurrentQueue<string>();
        using var start = new Barrier(atOnce, _ => { });
        var threads = Enumerable.Range(0, atOnce).Select(thread => new Thread(() =>
        {
            for (var trial = 0; trial < Trials; trial++)
            {
                if (thread == 0)
                {
                    invoices[trial] = OpenInvoiceOfAFreshCustomer(world, trial);
                }

                start.SignalAndWait();
                try
                {
                    APayment().For(CustomerOf(trial)).Of(AmountOf(thread)).Settling(InvoiceNumber(trial))
                        .WithErpId(string.Create(CultureInfo.InvariantCulture, $"PAY-{trial}-{thread}"))
                        .Create(world.Dataverse.GetOrganizationService());
                }
                catch (System.ServiceModel.FaultException<OrganizationServiceFault> fault)
                {
                    failures.Enqueue($"trial {trial}, payment {thread}: {fault.Message}");
                }

                start.SignalAndWait();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        var expected = InvoiceAmount - Enumerable.Range(0, atOnce).Sum(AmountOf);
        var lost = invoices
            .Select((id, trial) => (Trial: trial, Open: world.Service.Retrieve(Receivable.EntityLogicalName, id, new ColumnSet(Receivable.Fields.OpenAmount)).GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value))
            .Where(result => result.Open != expected)
            .Select(result => $"trial {result.Trial}: open {result.Open:0.00}, expected {expected:0.00}")
            .ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {Trials} trials lost an application: {string.Join("; ", lost.Take(5))}");
        Assert.Equal(Trials * atOnce, world.Dataverse.Count(plugins::CreditOS.Dataverse.Model.Payment.EntityLogicalName));
    }

    private static decimal AmountOf(int thread) => 100m * (thread + 1);

    private static Guid CustomerOf(int trial) => new(string.Create(CultureInfo.InvariantCulture, $"c1000000-0000-4000-8000-{trial:D12}"));

    private static string InvoiceNumber(int trial) => "INV-" + (trial + 1).ToString("D5", CultureInfo.InvariantCulture);

    private static Guid OpenInvoiceOfAFreshCustomer(CreditWorld world, int trial)
    {
        AnAccount().WithId(CustomerOf(trial)).Named("Customer " + trial.ToString(CultureInfo.InvariantCulture)).Unscored().WithLimit(0).Create(world.Service);
        return AnInvoice().For(CustomerOf(trial)).Numbered(trial + 1).Of(InvoiceAmount).SettledDaysAgo(null).Create(world.Service);
    }
}
