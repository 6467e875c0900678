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
using InvoiceOwnership = plugins::CreditOS.CreditEngine.Ledger.InvoiceOwnership;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Controls;

/// <summary>
/// An invoice stays with the customer it was posted to, whoever writes it (audit round 3): moving it (the worker's
/// restatement naming another customer, or a person changing the lookup) is refused with its own SubErrorCode, both
/// customers and the figures, before anything moves; before, the write moved the invoice and the payments on it to the
/// other account while the first account's open receivables kept counting it. A write naming the same customer passes.
/// Through the local Dataverse with every plug-in.
/// </summary>
public sealed class ReceivableOwnershipControlTests : IDisposable
{
    private static readonly Guid Other = new("0c000000-0000-4000-8000-0000000000a2");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();
    private readonly Guid invoice;

    public ReceivableOwnershipControlTests()
    {
        AnAccount().Named("Contoso Industrial").Unscored().WithLimit(0).Create(world.Service);
        AnAccount().WithId(Other).Named("Fabrikam Trading").Unscored().WithLimit(0).Create(world.Service);
        invoice = AnInvoice().Numbered(7).Of(1_000m).WithOpen(600m).SettledDaysAgo(null).Create(world.Service);
    }

    public void Dispose() => world.Dispose();

    [Fact]
    public void TheWorkerRestatingAnInvoiceForAnotherCustomer_AndAdaMovingIt_AreRefused_TheInvoiceStaysWithItsCustomer()
    {
        var worker = world.Context.As(world.Context.AUser("creditOS worker").WithRole(SolutionRoles.Integration).Create());

        var restated = Assert.Throws<FaultException<OrganizationServiceFault>>(() => worker.Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.AccountId] = new EntityReference("account", Other),
            [Receivable.Fields.Amount] = new Money(1_000m),
        })).Detail;
        var moved = Assert.Throws<FaultException<OrganizationServiceFault>>(() => world.Context.As(FixedIds.AdminUser).Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.AccountId] = new EntityReference("account", Other),
        })).Detail;
        worker.Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.AccountId] = new EntityReference("account", CreditTestIds.Customer),
            [Receivable.Fields.Amount] = new Money(1_000m),
        });

        Assert.Equal(InvoiceOwnership.CustomerChangedErrorCode, restated.ErrorDetails["SubErrorCode"]);
        Assert.Contains("Invoice INV-00007 belongs to customer Contoso Industrial (amount 1000.00, open 600.00); this write names customer Fabrikam Trading with amount 1000.00: an invoice cannot move to another customer", restated.Message, StringComparison.Ordinal);
        Assert.Equal(InvoiceOwnership.CustomerChangedErrorCode, moved.ErrorDetails["SubErrorCode"]);
        Assert.Contains("belongs to customer Contoso Industrial (amount 1000.00, open 600.00); this write names customer Fabrikam Trading:", moved.Message, StringComparison.Ordinal);
        var row = world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.AccountId, Receivable.Fields.OpenAmount));
        Assert.Equal(CreditTestIds.Customer, row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId).Id);
        Assert.Equal(600m, row.GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value);
    }
}
