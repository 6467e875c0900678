using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// An invoice stays with its customer (<see cref="InvoiceOwnership"/>): a write naming another account (an ERP message for
/// the same invoice id with another customer number, or anyone changing the lookup) is refused with SubErrorCode
/// <see cref="InvoiceOwnership.CustomerChangedErrorCode"/>, both customers and the figures. Before this check such a write
/// moved the invoice, with the payments applied to it, to the other account, and the first account's open receivables
/// kept counting it. Runs in the amendment after its lock and fresh read, and after the version check (an older version
/// naming another customer is superseded, not a conflict). No calls to pass; one query to refuse (the two customers'
/// numbers for the message).
/// </summary>
public static class ReceivableOwnershipCheck
{
    public const int RefusalCalls = 1;

    /// <summary>True when the write states a customer other than <paramref name="ownerId"/>, the invoice's (from the pre-image).</summary>
    public static bool Moves(Entity target, Guid ownerId) =>
        target.Contains(Receivable.Fields.AccountId) && InvoiceOwnership.Moves(ownerId, target.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId)?.Id);

    /// <param name="stored">The row as read under the account's lock (amount, open amount, ERP id).</param>
    public static void Check(IOrganizationService service, Entity target, Entity stored, Guid ownerId)
    {
        if (!Moves(target, ownerId))
        {
            return;
        }

        var named = target.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId)?.Id;
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Fields.AccountNumber, Account.PrimaryNameAttribute) };
        query.Criteria.AddCondition(Account.PrimaryIdAttribute, ConditionOperator.In, named is { } id ? new object[] { ownerId, id } : new object[] { ownerId });
        var accounts = service.RetrieveMultiple(query).Entities.ToDictionary(account => account.Id);
        throw new InvalidPluginExecutionException(
            OperationStatus.Failed,
            InvoiceOwnership.CustomerChangedErrorCode,
            InvoiceOwnership.Refusal(
                stored.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? stored.Id.ToString(),
                Describe(accounts, ownerId),
                named is { } other ? Describe(accounts, other) : "none",
                stored.MoneyOrZero(Receivable.Fields.Amount),
                stored.MoneyOrZero(Receivable.Fields.OpenAmount),
                target.Contains(Receivable.Fields.Amount) ? target.MoneyOrZero(Receivable.Fields.Amount) : null));
    }

    private static string Describe(Dictionary<Guid, Entity> accounts, Guid id) =>
        accounts.TryGetValue(id, out var account)
            ? account.GetAttributeValue<string>(Account.Fields.AccountNumber) ?? account.GetAttributeValue<string>(Account.PrimaryNameAttribute) ?? id.ToString()
            : id.ToString();
}
