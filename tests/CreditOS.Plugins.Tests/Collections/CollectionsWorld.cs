extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using CreditOS.Testing.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using PromiseToPay = plugins::CreditOS.Dataverse.Model.PromiseToPay;
using RescoreAccountApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;

namespace CreditOS.Plugins.Tests.Collections;

/// <summary>Shared steps of the collections tests: a collector, promises captured as the collector, the daily batch.</summary>
internal static class CollectionsWorld
{
    public static readonly Guid Colin = Guid.Parse("c0000000-0000-4000-8000-00000000c011");
    public static readonly Guid Nora = Guid.Parse("c0000000-0000-4000-8000-00000000c012");

    public static Guid ACollector(this CreditWorld world, Guid id, string name) =>
        world.Context.AUser(name).WithId(id).WithRole(SolutionRoles.Collector).Create();

    /// <summary>The collector records a promise on the account as themselves (the Collector role creates promises).</summary>
    public static Guid APromise(this CreditWorld world, Guid collector, decimal amount, int dueInDays, params string[] invoices) =>
        world.Context.As(collector).Create(new Entity(PromiseToPay.EntityLogicalName)
        {
            [PromiseToPay.Fields.Name] = "Promise " + amount.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            [PromiseToPay.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
            [PromiseToPay.Fields.Amount] = new Money(amount),
            [PromiseToPay.Fields.PromisedFor] = CreditTestIds.Today.AddDays(dueInDays),
            [PromiseToPay.Fields.CoveredInvoices] = string.Join(",", invoices),
        });

    public static Entity Promise(this CreditWorld world, Guid id) => world.Service.Retrieve(PromiseToPay.EntityLogicalName, id, new ColumnSet(true));

    /// <summary>The worker's daily batch for the customer: cos_RescoreAccount with Trigger = scheduled.</summary>
    public static void DailyBatch(this CreditWorld world) => world.Service.Execute(new OrganizationRequest(RescoreAccountApi.UniqueName)
    {
        ["Target"] = new EntityReference(Account.EntityLogicalName, CreditTestIds.Customer),
        [RescoreAccountApi.Request.Trigger] = new OptionSetValue((int)plugins::CreditOS.Dataverse.Model.ScoreTrigger.Scheduled),
    });
}
