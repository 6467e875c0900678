extern alias plugins;

using System.ServiceModel;
using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Plugins.Tests.Builders.AccountBuilder;
using static CreditOS.Plugins.Tests.Builders.OrderBuilder;
using static CreditOS.Plugins.Tests.Builders.ReceivableBuilder;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using OrderChannel = plugins::CreditOS.Dataverse.Model.OrderChannel;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// The ways around the single-row messages: batches (ExecuteMultiple, ExecuteTransaction), the bulk messages
/// (CreateMultiple, UpdateMultiple, UpsertMultiple, whose plug-in pipeline Dataverse merges with Create and Update),
/// Merge, sharing, the quote and order-close messages, Assign, acting on behalf of someone else, and marking an invoice
/// disputed. As Sam the sales rep, Colin the collector and Fiona the Finance approver, through the local Dataverse with
/// every plugin: the guards fire inside a batch as they do alone, and a message the local Dataverse does not carry out
/// fails loudly and writes nothing (never bypassing the plug-ins).
/// </summary>
public sealed class BulkAndUnsupportedMessageControlTests : IDisposable
{
    private static readonly Guid OpenInvoice = new("e3000000-0000-4000-8000-000000000081");

    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public BulkAndUnsupportedMessageControlTests() => AnAccount().Named("Contoso Industrial").WithLimit(10_000).Create(world.Service);

    public void Dispose() => world.Dispose();

    private IOrganizationService Sam => world.Context.As(FixedIds.SalesRep);

    [Fact]
    public void Sam_InExecuteMultipleOrExecuteTransaction_MeetsTheSameGuardsAsAlone_AndTheTransactionWritesNothing()
    {
        var order = AnOrder().Of(8_000).Create(Sam);
        var edi = AnOrder().WithId(Guid.NewGuid()).Of(1_000).Through(OrderChannel.EDI).Build();
        var fine = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Build();

        var batch = (ExecuteMultipleResponse)Sam.Execute(new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = [new CreateRequest { Target = edi }, new UpdateRequest { Target = CurrencyToEur(order) }],
        });
        var transaction = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Sam.Execute(new ExecuteTransactionRequest
        {
            Requests = [new CreateRequest { Target = fine }, new UpdateRequest { Target = new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.FreightAmount] = new Money(50_000m) } }],
        }));

        Assert.Contains("cannot be marked as coming through EDI", batch.Responses[0].Fault.Message, StringComparison.Ordinal);
        Assert.Contains("is kept in (USD)", batch.Responses[1].Fault.Message, StringComparison.Ordinal);
        Assert.Contains("raising its freight from 0.00 to 50,000.00", transaction.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.IsType<ExecuteTransactionFault>(transaction.Detail).FaultedRequestIndex);
        Assert.Equal(1, world.CountOrders());
        Assert.Equal(8_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Theory]
    [InlineData("CreateMultiple", "cannot be marked as coming through EDI")]
    [InlineData("UpdateMultiple", "is kept in (USD)")]
    [InlineData("UpsertMultiple", "is kept in (USD)")] // carried out since round 11: each row's Upsert runs its Update steps
    public void Sam_TheBulkMessages_RunTheSameGuardsPerRow_AndWriteNothingWhenOneRowIsRefused(string message, string refusal)
    {
        var order = AnOrder().Of(8_000).Create(Sam);
        var other = AnOrder().WithId(Guid.NewGuid()).Of(1_000).Create(Sam);
        // A row the guards let through beside the refused one: the whole request rolls back (standard tables). The refused row is
        // another order: UpdateMultiple ignores a second row with the same id, UpsertMultiple refuses it ("the operation is performed on the first record only",
        // bulk-operations, "Duplicate records in UpdateMultiple Targets parameter").
        var rows = message == "CreateMultiple"
            ? new[] { AnOrder().WithId(Guid.NewGuid()).Of(1_000).Build(), AnOrder().WithId(Guid.NewGuid()).Of(50_000).Through(OrderChannel.EDI).Build() }
            : new[] { new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.Fields.Name] = "Renamed in bulk" }, CurrencyToEur(other) };
        var targets = new EntityCollection(rows) { EntityName = SalesOrder.EntityLogicalName };

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Sam.Execute(new OrganizationRequest(message) { ["Targets"] = targets }));

        Assert.Contains(refusal, fault.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(2, world.CountOrders());
        Assert.Equal(CreditTestIds.Usd, world.Order(other).GetAttributeValue<EntityReference>(SalesOrder.Fields.TransactionCurrencyId).Id);
        Assert.NotEqual("Renamed in bulk", world.Order(order).GetAttributeValue<string>(SalesOrder.Fields.Name));
    }

    [Theory]
    [InlineData("Merge")]
    [InlineData("GrantAccess")]
    [InlineData("ModifyAccess")]
    [InlineData("FulfillSalesOrder")]
    [InlineData("ConvertQuoteToSalesOrder")]
    [InlineData("CloseQuote")]
    public void MessagesTheLocalDataverseDoesNotCarryOut_FailLoudly_ForEveryone_AndLeaveTheOrderAsItWas(string message)
    {
        var order = AnOrder().Of(9_000).Create(Sam);
        var request = new OrganizationRequest(message)
        {
            ["Target"] = new EntityReference(message == "Merge" ? Account.EntityLogicalName : SalesOrder.EntityLogicalName, message == "Merge" ? CreditTestIds.Customer : order),
        };

        foreach (var user in new[] { FixedIds.SalesRep, FixedIds.FinanceApprover, FixedIds.AdminUser })
        {
            var refusal = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(user).Execute(request));
            Assert.Equal("The local Dataverse does not implement message " + message, refusal.Detail.Message);
        }

        Assert.Equal(0, world.Order(order).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode).Value);
        Assert.Equal(9_000m, world.OpenOrders(CreditTestIds.Customer));
    }

    [Fact]
    public void Sam_CannotAssignHisOrderAway_NorEnterOneInFionasName_NorActOnHerBehalf()
    {
        var order = AnOrder().Of(8_000).Create(Sam);
        var inFionasName = AnOrder().WithId(CreditTestIds.SecondOrder).Of(1_000).Build();
        inFionasName[SalesOrder.Fields.OwnerId] = new EntityReference("systemuser", FixedIds.FinanceApprover);
        var onBehalf = (LocalDataverse.Service.LocalOrganizationService)world.Dataverse.GetOrganizationService(FixedIds.SalesRep);
        onBehalf.CallerId = FixedIds.FinanceApprover;

        var assign = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Sam.Execute(new AssignRequest
        {
            Target = new EntityReference(SalesOrder.EntityLogicalName, order),
            Assignee = new EntityReference("systemuser", FixedIds.FinanceApprover),
        })).Detail;
        var create = Assert.Throws<FaultException<OrganizationServiceFault>>(() => Sam.Create(inFionasName)).Detail;
        var impersonated = Assert.Throws<FaultException<OrganizationServiceFault>>(() => onBehalf.Create(AnOrder().WithId(Guid.NewGuid()).Build())).Detail;

        Assert.Contains("missing prvAssignSalesOrder privilege", assign.Message, StringComparison.Ordinal);
        Assert.Contains("OwnerId: " + FixedIds.FinanceApprover.ToString("D"), create.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AccessRights: CreateAccess", create.Message, StringComparison.Ordinal);
        Assert.Equal(unchecked((int)0x8004A110), impersonated.ErrorCode);
        Assert.Equal(FixedIds.SalesRep, world.Order(order).GetAttributeValue<EntityReference>(SalesOrder.Fields.OwnerId).Id);
        Assert.Equal(1, world.CountOrders());
    }

    [Fact]
    public void Sam_AndColin_CannotMarkAnInvoiceDisputed_NeitherOnTheRowNorThroughTheApi_WhichIsFinancesToCall()
    {
        AnInvoice().WithId(OpenInvoice).For(CreditTestIds.Customer).Of(4_000).Create(world.Service);
        var colin = world.Context.AUser("Colin Collector").WithRole(SolutionRoles.Collector).WithProfile(SolutionFieldSecurityProfiles.CollectionReaders).Create();

        foreach (var user in new[] { FixedIds.SalesRep, colin })
        {
            var service = world.Context.As(user);
            var row = Assert.Throws<FaultException<OrganizationServiceFault>>(
                () => service.Update(new Entity(Receivable.EntityLogicalName, OpenInvoice) { [Receivable.Fields.IsDisputed] = true })).Detail;
            var api = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Execute(new OrganizationRequest("cos_DisputeInvoice")
            {
                ["Target"] = new EntityReference(Receivable.EntityLogicalName, OpenInvoice),
                ["Reason"] = "The customer says the goods were late",
            })).Detail;

            Assert.Contains("missing prvWritecos_Receivable privilege", row.Message, StringComparison.Ordinal);
            Assert.NotNull(api.Message);
        }

        Assert.False(world.Service.Retrieve(Receivable.EntityLogicalName, OpenInvoice, new ColumnSet(Receivable.Fields.IsDisputed)).GetAttributeValue<bool>(Receivable.Fields.IsDisputed));
    }

    private static Entity CurrencyToEur(Guid order) => new(SalesOrder.EntityLogicalName, order)
    {
        [SalesOrder.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, CreditTestIds.Eur),
    };
}
