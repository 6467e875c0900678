extern alias plugins;

using Microsoft.Xrm.Sdk;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using ApprovalRouting = plugins::CreditOS.Dataverse.Model.ApprovalRouting;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Support;

/// <summary>The product's plug-in assembly and the reference data it scores with (the default credit policy, tiers and rules).</summary>
public static class CreditPlugins
{
    public static void SeedCreditConfiguration(IOrganizationService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        CreditOS.Testing.Builders.SolutionEnvironmentVariables.Import(service);
        var configuration = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration.Create();
        foreach (var row in plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords.SeedRows(configuration, IdsByCode(), IdsByCode()))
        {
            service.Create(row);
        }

        // The default approval route (no customer group) every configured environment has: rescoring after a payment
        // may raise a limit review, which is routed to Finance's queue.
        var financeQueue = service.Create(new Entity("queue") { ["name"] = "Finance credit approvals" });
        service.Create(new Entity(ApprovalRouting.EntityLogicalName)
        {
            [ApprovalRouting.Fields.Name] = "Default",
            [ApprovalRouting.Fields.QueueId] = new EntityReference("queue", financeQueue),
        });
    }

    /// <summary>An open ERP invoice of the customer, not yet due, that payments can name.</summary>
    public static void AddOpenInvoice(IOrganizationService service, Guid account, Guid currency, string erpId, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(service);
        var issued = DateTime.UtcNow.Date.AddDays(-5);
        service.Create(new Entity(Receivable.EntityLogicalName)
        {
            [Receivable.Fields.InvoiceNumber] = erpId,
            [Receivable.Fields.SourceSystem] = "ERP",
            [Receivable.Fields.ErpId] = erpId,
            [Receivable.Fields.AccountId] = new EntityReference(plugins::CreditOS.Dataverse.Model.Account.EntityLogicalName, account),
            [Receivable.Fields.InvoiceDate] = issued,
            [Receivable.Fields.DueDate] = issued.AddDays(30),
            [Receivable.Fields.Amount] = new Money(amount),
            [Receivable.Fields.OpenAmount] = new Money(amount),
            [Receivable.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, currency),
        });
    }

    /// <summary>One id per code, the same each time the code is asked for (tiers refer to their policy by it).</summary>
    private static Func<string, Guid> IdsByCode()
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        return code => ids.TryGetValue(code, out var id) ? id : ids[code] = Guid.NewGuid();
    }

    /// <summary>Registers every plug-in of CreditOS.Plugins from its attributes, as the solution deploys them.</summary>
    public static void Register(LocalDataverseEnvironment dataverse)
    {
        ArgumentNullException.ThrowIfNull(dataverse);
        dataverse.RegisterPluginAssembly(typeof(plugins::CreditOS.Plugins.RescoreAccountPlugin).Assembly);
    }
}
