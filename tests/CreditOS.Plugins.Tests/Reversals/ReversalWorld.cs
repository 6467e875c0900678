extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Plugins.Tests.Reversals;

/// <summary>What the reversal and restatement tests share: the worker's user (creditOS Integration role) and the ledger's figures.</summary>
internal static class ReversalWorld
{
    /// <summary>An application user holding the creditOS Integration role, as the worker's.</summary>
    public static IOrganizationService Worker(CreditWorld world) =>
        world.Context.As(world.Context.AUser("Integration Worker").WithRole(SolutionRoles.Integration).Create());

    /// <summary>The ERP's reversal of a payment, written as the worker writes it (by the payment's key).</summary>
    public static void Reverse(IOrganizationService service, string paymentErpId, string reversalId, string reason = "bounced cheque", DateTime? on = null, decimal? amount = null)
    {
        var update = new Entity(Payment.EntityLogicalName, new KeyAttributeCollection { [Payment.Fields.SourceSystem] = "ERP", [Payment.Fields.ErpId] = paymentErpId })
        {
            [Payment.Fields.ReversalId] = reversalId,
            [Payment.Fields.ReversalReason] = reason,
            [Payment.Fields.ReversedOn] = on ?? CreditTestIds.Today,
        };
        if (amount is { } stated)
        {
            update[Payment.Fields.ReversalAmount] = new Money(stated);
        }

        service.Update(update);
    }

    /// <summary>The ERP's restatement of an invoice: its amount and the open amount it states.</summary>
    public static void Restate(IOrganizationService service, Guid invoice, decimal amount, decimal open) =>
        service.Update(new Entity(Receivable.EntityLogicalName, invoice)
        {
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.OpenAmount] = new Money(open),
        });

    public static decimal Open(CreditWorld world, Guid invoice) =>
        world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(Receivable.Fields.OpenAmount)).GetAttributeValue<Money>(Receivable.Fields.OpenAmount).Value;

    public static Entity Invoice(CreditWorld world, Guid invoice) => world.Service.Retrieve(Receivable.EntityLogicalName, invoice, new ColumnSet(true));

    public static Entity PaymentRow(CreditWorld world, string erpId) =>
        world.Service.RetrieveMultiple(new QueryExpression(Payment.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(true),
            Criteria = { Conditions = { new ConditionExpression(Payment.Fields.ErpId, ConditionOperator.Equal, erpId) } },
        }).Entities.Single();

    public static void AssertAccount(CreditWorld world, decimal openReceivables, decimal unapplied)
    {
        Assert.Equal(openReceivables, world.AccountMoney(CreditTestIds.Customer, Account.Fields.OpenReceivables));
        Assert.Equal(unapplied, world.AccountMoney(CreditTestIds.Customer, Account.Fields.UnappliedCash));
    }
}
