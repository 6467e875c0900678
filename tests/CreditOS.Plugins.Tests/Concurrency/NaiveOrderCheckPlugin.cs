extern alias plugins;

using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using AccountCreditRecord = plugins::CreditOS.Dataverse.Credit.Accounts.AccountCreditRecord;
using SalesOrder = plugins::CreditOS.Dataverse.Model.SalesOrder;

namespace CreditOS.Plugins.Tests.Concurrency;

/// <summary>
/// The order check without its first step: it reads the account's exposure, decides and writes, but never claims the
/// account's row lock before reading. Kept only to show what the lock claim prevents (a lost update).
/// </summary>
internal sealed class NaiveOrderCheckPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
        var service = factory.CreateOrganizationService(null);
        var order = (Entity)context.InputParameters["Target"];
        var accountId = order.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId).Id;
        var amount = order.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount).Value;

        var account = AccountCreditRecord.Read(service, accountId);
        var exposure = account.OpenReceivables + account.OpenOrders + amount;
        if (exposure > account.Limit.CreditLimit)
        {
            throw new InvalidPluginExecutionException("Over the limit.");
        }

        service.Update(new Entity(Account.EntityLogicalName, accountId) { [Account.Fields.OpenOrders] = new Money(account.OpenOrders + amount) });
    }
}
