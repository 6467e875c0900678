extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SourceMessageLog = plugins::CreditOS.CreditEngine.Ledger.SourceMessageLog;
using SourceVersionOrder = plugins::CreditOS.CreditEngine.Ledger.SourceVersionOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// An invoice's source version (the broker's sequence number of the ERP message it was last written from) orders the
/// ERP's restatements: the worker (Integration role) writes it and an older version is refused as superseded with its own
/// SubErrorCode, whoever sends it; the same version with another amount is a conflict; no person sets it, not even Ada the
/// System Administrator (a version typed above the broker's numbers would make every later ERP change look older).
/// Through the local Dataverse with every plug-in.
/// </summary>
public sealed class ReceivableVersionControlTests : IDisposable
{
    private const string Scope = "sb.example/creditos.erp.receivables";
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid invoice;

    public ReceivableVersionControlTests()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorkersOlderVersion_IsRefusedAsSuperseded_WithBothVersions_AndTheSameVersionWithAnotherAmountAsAConflict()
    {
        var worker = AWorker();
        worker.Update(Version(12, 900m));

        var older = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(10, 1_000m))).Detail;
        var conflict = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(12, 950m))).Detail;
        worker.Update(Version(12, 900m)); // the same version again: a redelivery

        Assert.Equal(SourceVersionOrder.SupersededErrorCode, older.ErrorDetails["SubErrorCode"]);
        Assert.Contains("was last written from version 12 of sb.example/creditos.erp.receivables (amount 900.00); this write is from the older version 10 (amount 1000.00): superseded", older.Message, StringComparison.Ordinal);
        Assert.Equal(SourceVersionOrder.ConflictErrorCode, conflict.ErrorDetails["SubErrorCode"]);
        Assert.Contains("the same version now says 950.00", conflict.Message, StringComparison.Ordinal);
        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.Amount, Receivable.Fields.OpenAmount, Receivable.Fields.SourceVersion));
        Assert.Equal(900m, row.GetAttributeValue<Money>(Receivable.Fields.Amount).Value);
        Assert.Equal(900m, row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
        Assert.Equal(12L, row.GetAttributeValue<long?>(Receivable.Fields.SourceVersion));
    }

    [Fact]
    public void Ada_CannotSetAnInvoicesSourceVersion_WhichWouldMakeTheErpsNextChangesLookOlder_ButTheWorkerAndSystemDo()
    {
        var byAda = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.SourceVersion] = long.MaxValue,
            [Receivable.Fields.SourceVersionScope] = Scope,
        })).Detail.Message;
        var onCreate = Assert.Throws<FaultException<OrganizationServiceFault>>(() =>
        {
            var row = AnInvoice().Numbered(2).Of(500m).SettledDaysAgo(null).Build();
            row[Receivable.Fields.SourceVersion] = long.MaxValue;
            world.Context.As(FixedIds.AdminUser).Create(row);
        }).Detail.Message;
        world.Service.Update(Version(3, 1_000m)); // SYSTEM (a migration, the credit flow)
        var worker = AWorker();
        worker.Update(Version(4, 1_000m));

        Assert.Contains("cos_sourceversion, cos_sourceversionscope record which ERP message the invoice was last written from and is written by the integration worker only", byAda, StringComparison.Ordinal);
        Assert.Contains("cos_sourceversion records which ERP message", onCreate, StringComparison.Ordinal);
        Assert.Equal(4L, world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.SourceVersion)).GetAttributeValue<long?>(Receivable.Fields.SourceVersion));
    }

    [Fact]
    public void AMessageSentAgain_KeepsTheVersionItWasFirstAppliedAs_WhateverItsNewNumber()
    {
        // Message m-10 is the invoice at 1,000 (version 10), m-12 its credit note to 900 (version 12). The publisher then
        // sends m-10 again: the broker numbers it 20, above 12, but the invoice was written from it as version 10.
        var worker = AWorker();
        worker.Update(Version(10, 1_000m, "m-10"));
        worker.Update(Version(12, 900m, "m-12"));

        var replay = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(20, 1_000m, "m-10"))).Detail;
        var again = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(21, 900m, "m-12"))).Detail;
        var changed = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(22, 1_100m, "m-10"))).Detail;

        Assert.Equal(SourceVersionOrder.SupersededErrorCode, replay.ErrorDetails["SubErrorCode"]);
        Assert.Contains("this write is message m-10 again, recorded before as the older version 10 (amount 1000.00) and now numbered 20: superseded", replay.Message, StringComparison.Ordinal);
        Assert.Equal(SourceMessageLog.RedeliveryErrorCode, again.ErrorDetails["SubErrorCode"]);
        Assert.Equal(SourceVersionOrder.ConflictErrorCode, changed.ErrorDetails["SubErrorCode"]);
        Assert.Contains("recorded message m-10 (version 10) with amount 1000.00, open 1000.00; the same message now says amount 1100.00, open 1100.00", changed.Message, StringComparison.Ordinal);
        Assert.Equal((900m, 900m, 12L, "m-12"), Row());
    }

    [Fact]
    public void AMessageOvertakenByANewerVersion_IsRecordedWithoutItsFigures_SoItsResendUnderAHigherNumberIsSuperseded()
    {
        // m-10 (the invoice at 1,000) is numbered 10 but overtaken: m-12 (its credit note to 900) is written first. m-10's
        // own delivery then commits only its id; the publisher's re-send of m-10, numbered 20, is refused as superseded.
        var worker = AWorker();
        worker.Update(Version(12, 900m, "m-12"));

        worker.Update(Version(10, 1_000m, "m-10"));
        var afterOvertaken = Row();
        var resent = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(20, 1_000m, "m-10"))).Detail;

        Assert.Equal((900m, 900m, 12L, "m-12"), afterOvertaken);
        var recorded = Log();
        Assert.Equal(["m-12", "m-10"], recorded.Select(entry => entry.MessageId));
        Assert.Equal((10L, 1_000m), (recorded[1].Version!.Value, recorded[1].Amount));
        Assert.Equal(SourceVersionOrder.SupersededErrorCode, resent.ErrorDetails["SubErrorCode"]);
        Assert.Contains("was last written from version 12 of sb.example/creditos.erp.receivables (message m-12, amount 900.00); this write is message m-10 again, recorded before as the older version 10 (amount 1000.00) and now numbered 20: superseded", resent.Message, StringComparison.Ordinal);
        Assert.Equal((900m, 900m, 12L, "m-12"), Row());
    }

    [Fact]
    public void AnOlderVersionWithoutAMessageId_IsStillRefused_AndTheOvertakenMessagesRecordStaysWithinTheAmendmentsBudget()
    {
        var worker = AWorker();
        worker.Update(Version(12, 900m, "m-12"));
        world.ForgetExecutions();

        worker.Update(Version(10, 1_000m, "m-10"));
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(11, 1_000m)));

        const int Budget = plugins::CreditOS.Dataverse.Credit.Payments.AmountSanityLimits.ReceivableCalls + plugins::CreditOS.Dataverse.Credit.Payments.ReceivableAmendment.Calls;
        var runs = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ReceivableAmendmentPlugin)).ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.InRange(run.ServiceCalls, 1, Budget));
        Assert.Equal((900m, 900m, 12L, "m-12"), Row());
    }

    [Fact]
    public void AStoredLogThatCannotBeRead_RefusesTheWorkersWrite_InsteadOfForgettingTheMessages()
    {
        var worker = AWorker();
        worker.Update(Version(10, 1_000m, "m-10"));
        world.Service.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.SourceMessages] = "m-10\t10\t1000" });

        var refused = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(Version(20, 1_000m, "m-10"))).Detail;

        Assert.Contains("The source message log cannot be read: line 1 of 1", refused.Message, StringComparison.Ordinal);
        Assert.Equal((1_000m, 1_000m, 10L, "m-10"), Row());
    }

    [Fact]
    public void Ada_CannotEditTheMessagesAnInvoiceWasWrittenFrom_WhichWouldLetAnOldMessageApplyAgain()
    {
        var worker = AWorker();
        worker.Update(Version(10, 1_000m, "m-10"));
        worker.Update(Version(12, 900m, "m-12"));

        var cleared = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.SourceMessages] = string.Empty,
        })).Detail.Message;
        var renamed = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.SourceMessageId] = "m-10",
        })).Detail.Message;

        Assert.Contains("cos_sourcemessages records which ERP message the invoice was last written from and is written by the integration worker only", cleared, StringComparison.Ordinal);
        Assert.Contains("cos_sourcemessageid records which ERP message", renamed, StringComparison.Ordinal);
        Assert.Equal(["m-10", "m-12"], Log().Select(entry => entry.MessageId));
    }

    [Fact]
    public void TheVersionGuard_CostsTheWorkerOneCall_AndARedeliveryNone()
    {
        var worker = AWorker();
        world.ForgetExecutions();
        worker.Update(Version(5, 1_000m));
        worker.Update(Version(5, 1_000m));

        var runs = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ReceivableVersionGuardPlugin)).ToList();
        Assert.All(runs, run => Assert.True(run.Succeeded, run.Error));
        Assert.Equal([1, 0], runs.Select(run => run.ServiceCalls));
    }

    /// <summary>A user with the creditOS Integration role alone, as the integration worker's application user.</summary>
    private IOrganizationService AWorker() => world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

    /// <summary>The messages the invoice recorded, read back as the amendment reads them.</summary>
    private IReadOnlyList<plugins::CreditOS.CreditEngine.Ledger.SourceMessageEntry> Log() =>
        SourceMessageLog.Parse(world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.SourceMessages)).GetAttributeValue<string>(Receivable.Fields.SourceMessages));

    /// <summary>The invoice's amount, open amount, version and the message id it was last written from.</summary>
    private (decimal Amount, decimal Open, long Version, string MessageId) Row()
    {
        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.Amount, Receivable.Fields.OpenAmount, Receivable.Fields.SourceVersion, Receivable.Fields.SourceMessageId));
        return (
            row.GetAttributeValue<Money>(Receivable.Fields.Amount).Value,
            row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value,
            row.GetAttributeValue<long>(Receivable.Fields.SourceVersion),
            row.GetAttributeValue<string>(Receivable.Fields.SourceMessageId));
    }

    private Entity Version(long number, decimal amount, string? messageId = null)
    {
        var write = new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.SourceVersion] = number,
            [Receivable.Fields.SourceVersionScope] = Scope,
        };
        if (messageId is not null)
        {
            // As the worker writes it: the message id with the whole restatement.
            write[Receivable.Fields.SourceMessageId] = messageId;
            write[Receivable.Fields.OpenAmount] = new Money(amount);
        }

        return write;
    }
}
