extern alias plugins;

using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>An account with its credit picture: <c>AnAccount().WithLimit(50_000).WithOpenReceivables(10_000)</c>.</summary>
internal sealed class AccountBuilder
{
    private Guid id = CreditTestIds.Customer;
    private string name = "Contoso Industrial";
    private decimal limit = 50_000m;
    private decimal openReceivables;
    private decimal overdue;
    private decimal overdueBeyondGrace;
    private int oldestOverdueDays;
    private decimal openOrders;
    private Guid? currency = CreditTestIds.Usd;
    private Guid? policy = CreditTestIds.StandardPolicy;
    private string? suspension;
    private bool manualHold;
    private Guid? parent;
    private decimal? groupLimit;

    public static AccountBuilder AnAccount() => new();

    public AccountBuilder WithId(Guid value) { id = value; return this; }

    public AccountBuilder Named(string value) { name = value; return this; }

    public AccountBuilder WithLimit(decimal value) { limit = value; return this; }

    public AccountBuilder WithOpenReceivables(decimal value) { openReceivables = value; return this; }

    public AccountBuilder WithOverdue(decimal amount, decimal beyondGrace, int oldestDays)
    {
        overdue = amount;
        overdueBeyondGrace = beyondGrace;
        oldestOverdueDays = oldestDays;
        return this;
    }

    public AccountBuilder WithOpenOrders(decimal value) { openOrders = value; return this; }

    public AccountBuilder WithoutCurrency() { currency = null; return this; }

    public AccountBuilder InCurrency(Guid value) { currency = value; return this; }

    public AccountBuilder OnPolicy(Guid? value) { policy = value; return this; }

    public AccountBuilder Unscored() { policy = null; return this; }

    public AccountBuilder SuspendedBecause(string reason) { suspension = reason; return this; }

    public AccountBuilder OnManualHold() { manualHold = true; return this; }

    /// <summary>A subsidiary of <paramref name="parentId"/> (its <c>parentaccountid</c>).</summary>
    public AccountBuilder SubsidiaryOf(Guid parentId) { parent = parentId; return this; }

    /// <summary>A group parent: the limit it shares with its subsidiaries.</summary>
    public AccountBuilder WithGroupLimit(decimal value) { groupLimit = value; return this; }

    public Entity Build()
    {
        var row = new Entity(Account.EntityLogicalName, id)
        {
            [Account.Fields.Name] = name,
            [Account.Fields.CreditLimit] = new Money(limit),
            [Account.Fields.OpenReceivables] = new Money(openReceivables),
            [Account.Fields.OverdueAmount] = new Money(overdue),
            [Account.Fields.OverdueBeyondGrace] = new Money(overdueBeyondGrace),
            [Account.Fields.OldestOverdueDays] = oldestOverdueDays,
            [Account.Fields.OpenOrders] = new Money(openOrders),
            [Account.Fields.Exposure] = new Money(openReceivables + openOrders),
            [Account.Fields.CreditOnHold] = manualHold,
        };
        if (currency is { } currencyId)
        {
            row[Account.Fields.TransactionCurrencyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.TransactionCurrency.EntityLogicalName, currencyId);
        }

        if (policy is { } policyId)
        {
            row[Account.Fields.CreditPolicyId] = new EntityReference(plugins::CreditOS.Dataverse.Model.CreditPolicy.EntityLogicalName, policyId);
        }

        if (parent is { } parentId)
        {
            row[Account.Fields.ParentAccountId] = new EntityReference(Account.EntityLogicalName, parentId);
        }

        if (groupLimit is { } shared)
        {
            row[Account.Fields.GroupLimit] = new Money(shared);
        }

        if (suspension is not null)
        {
            row[Account.Fields.IsSuspended] = true;
            row[Account.Fields.SuspensionReason] = suspension;
        }

        return row;
    }

    public Guid Create(IOrganizationService service) => service.Create(Build());
}
