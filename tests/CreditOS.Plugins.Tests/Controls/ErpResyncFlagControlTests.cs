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
using static CreditOS.Testing.ServiceFaults;
using ClearErpResyncApi = plugins::CreditOS.Dataverse.Credit.Resync.ClearErpResyncApi;
using Clearance = plugins::CreditOS.Dataverse.Credit.Resync.ErpResyncClearance;
using NextAction = plugins::CreditOS.Dataverse.Model.ReceivableNextAction;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// Session 33: an invoice flagged "ERP re-sync needed" (its ERP messages were applied out of order, so its figures may be an
/// older version's; session 32) cannot be hidden. The flag is set only by the amendment inside the worker's write; no direct
/// write sets or clears it, not the worker's application user (who may write invoices) nor Ada the System Administrator;
/// only Clear ERP re-sync (cos_ClearErpResync) clears it, only for a credit manager or collector (Fiona, Finance approver),
/// only once the ERP re-sent the invoice and the worker applied it, and it records who and when. Through the local
/// Dataverse with every plug-in; the flag comes from the worker's real out-of-order sequence.
/// </summary>
public sealed class ErpResyncFlagControlTests : IDisposable
{
    private const string Scope = "sb.example/creditos.erp.receivables";
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid invoice;
    private readonly IOrganizationService worker;

    public ErpResyncFlagControlTests()
    {
        AnAccount().Unscored().WithLimit(0).Create(world.Service);
        invoice = AnInvoice().Numbered(1).Of(1_000m).SettledDaysAgo(null).Create(world.Service);
        worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

        // Session 32's hole: m-a's re-send (numbered 8) was applied, m-b (900.00, numbered 6) came later and was superseded by
        // its number, then m-a's first copy (numbered 4) arrives: by first storage m-b is the newer version, so the invoice is flagged.
        worker.Update(Message(8, 1_000m, "m-a"));
        worker.Update(Message(6, 900m, "m-b"));
        worker.Update(Message(4, 1_000m, "m-a"));
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorkersOutOfOrderCopy_FlagsTheInvoice_WhichNoDirectWriteClears_NotTheWorkersNorAdas()
    {
        var flag = Flag();
        Assert.StartsWith("Message m-a was first stored as version 4 of " + Scope, flag, StringComparison.Ordinal);

        var byWorker = Refused(() => worker.Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.ErpResyncReason] = null }));
        var byAda = Refused(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice) { [Receivable.Fields.ErpResyncReason] = string.Empty }));
        var recordedByAda = Refused(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.ErpResyncClearedBy] = new EntityReference("systemuser", FixedIds.FinanceApprover),
            [Receivable.Fields.ErpResyncClearedOn] = world.Context.Clock.GetUtcNow().UtcDateTime,
        }));
        var setOnCreate = Refused(() =>
        {
            var row = AnInvoice().Numbered(2).Of(500m).SettledDaysAgo(null).Build();
            row[Receivable.Fields.ErpResyncReason] = "typed by hand";
            world.Context.As(FixedIds.AdminUser).Create(row);
        });

        Assert.Contains("cos_erpresyncreason (the ERP re-sync flag and who cleared it) are not written directly, whatever your roles", byWorker, StringComparison.Ordinal);
        Assert.Contains("cos_erpresyncreason (the ERP re-sync flag", byAda, StringComparison.Ordinal);
        Assert.Contains("cos_erpresyncclearedby, cos_erpresyncclearedon (the ERP re-sync flag", recordedByAda, StringComparison.Ordinal);
        Assert.Contains("cleared with Clear ERP re-sync (cos_ClearErpResync)", setOnCreate, StringComparison.Ordinal);
        Assert.Equal(flag, Flag());
    }

    [Fact]
    public void Sam_CannotClearTheFlag_Fiona_OnlyOnceTheErpResentTheInvoice_AndWhoAndWhenAreRecorded()
    {
        var flag = Flag();
        var bySam = Refused(() => Clear(FixedIds.SalesRep));
        var beforeResync = Refused(() => Clear(FixedIds.FinanceApprover));
        Assert.Contains("Only credit managers and collectors", bySam, StringComparison.Ordinal);
        Assert.Contains("is still written from message m-a, whose copy arriving out of order flagged it", beforeResync, StringComparison.Ordinal);
        Assert.Equal(flag, Flag());

        // The ERP re-sends the invoice's current state (a new message, numbered after everything): applied as usual, still flagged.
        worker.Update(Message(9, 900m, "m-c"));
        var resynced = Row();
        Assert.Equal(900m, resynced.GetAttributeValue<Money>(Receivable.Fields.Amount).Value);
        Assert.Equal(flag, resynced.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));

        Assert.Contains("Only credit managers and collectors", Refused(() => Clear(FixedIds.SalesRep)), StringComparison.Ordinal);
        world.ForgetExecutions();
        Clear(FixedIds.FinanceApprover);

        var cleared = Row();
        Assert.Null(cleared.GetAttributeValue<string>(Receivable.Fields.ErpResyncReason));
        Assert.Equal(FixedIds.FinanceApprover, cleared.GetAttributeValue<EntityReference>(Receivable.Fields.ErpResyncClearedBy).Id);
        Assert.Equal(world.Context.Clock.GetUtcNow().UtcDateTime, cleared.GetAttributeValue<DateTime>(Receivable.Fields.ErpResyncClearedOn));
        Assert.Equal(900m, cleared.GetAttributeValue<Money>(Receivable.Fields.Amount).Value);
        var clearance = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ClearErpResyncPlugin)).Single();
        Assert.True(clearance.Succeeded, clearance.Error);
        Assert.InRange(clearance.ServiceCalls, 1, Clearance.Calls);
        Assert.Contains("is not flagged for an ERP re-sync; there is nothing to clear", Refused(() => Clear(FixedIds.FinanceApprover)), StringComparison.Ordinal);
    }

    [Fact]
    public void AFlaggedInvoice_IsNotChasedOnTheWorklist_UntilTheFlagIsCleared_ThenItsNextActionIsTheUsualOneAgain()
    {
        // Session 34: the out-of-order copy flagged the invoice; its worklist line says to have the ERP re-sync it first.
        Assert.Equal((int)NextAction.ErpResyncFirst, Action());

        worker.Update(Message(9, 900m, "m-c"));
        Assert.Equal((int)NextAction.ErpResyncFirst, Action());

        // Cleared (a change of the flag alone), the line is refreshed at once to what the engine decides for an unflagged invoice.
        Clear(FixedIds.FinanceApprover);
        var action = Action();
        Assert.NotNull(action);
        Assert.NotEqual((int)NextAction.ErpResyncFirst, action);
    }

    [Fact]
    public void TheFlagGuard_CostsTheWorkersOrdinaryWritesNothing()
    {
        world.ForgetExecutions();
        worker.Update(Message(10, 900m, "m-d"));

        Assert.Empty(world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ErpResyncFlagGuardPlugin)));
    }

    private void Clear(Guid userId) =>
        world.Context.As(userId).Execute(new OrganizationRequest(ClearErpResyncApi.UniqueName)
        {
            ["Target"] = new EntityReference(Receivable.EntityLogicalName, invoice),
        });

    private int? Action() => world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.NextAction))
        .GetAttributeValue<OptionSetValue>(Receivable.Fields.NextAction)?.Value;

    private string Flag() => Row().GetAttributeValue<string>(Receivable.Fields.ErpResyncReason);

    private Entity Row() => world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(
        Receivable.Fields.Amount, Receivable.Fields.ErpResyncReason, Receivable.Fields.ErpResyncClearedBy, Receivable.Fields.ErpResyncClearedOn));

    /// <summary>As the worker writes an ERP message: the whole restatement with its broker number and message id.</summary>
    private Entity Message(long number, decimal amount, string messageId) => new(Receivable.EntityLogicalName, invoice)
    {
        [Receivable.Fields.Amount] = new Money(amount),
        [Receivable.Fields.OpenAmount] = new Money(amount),
        [Receivable.Fields.SourceVersion] = number,
        [Receivable.Fields.SourceVersionScope] = Scope,
        [Receivable.Fields.SourceMessageId] = messageId,
    };
}
