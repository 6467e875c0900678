using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// One ERP reversal reverses one payment (session 14): a reversal id (its company code and fiscal year are part of it, as
/// the ERP keys its documents) that reversed a payment of a source system cannot reverse another payment of that source
/// system. A faulty or replayed ERP stream would otherwise bounce a second payment with a reversal issued for another.
/// <para>
/// <b>Two layers, why.</b> (1) The query here, in the reversal's transaction, finds the payment the id reversed already
/// and refuses with <see cref="PaymentReversals.InUseErrorCode"/> and both payments named (the worker dead-letters it as
/// <c>ReversalIdInUse</c>). A query alone is not race-free: two reversals carrying the same id for payments of two
/// accounts claim two different account locks, and neither sees the other's uncommitted write. (2) So the alternate key
/// <see cref="Payment.Keys.ReversalKey"/> (<c>cos_sourcesystem</c> + <c>cos_reversalid</c>) serializes them: Dataverse
/// enforces an alternate key with a unique index in the write's transaction, the second writer of the same key values
/// waits for the first to commit and then fails (DuplicateRecord 0x80040237), and its whole transaction (reopened
/// invoices, unapplied cash, rescoring) rolls back: money is never half-applied. The worker abandons that answer and the
/// next delivery meets layer (1) with the names. A dedicated claim row per reversal id would serialize the same way but
/// costs a table, its privileges and one more write per reversal; the key costs nothing on the payment row it already writes.
/// </para>
/// <para>
/// <b>Null key values.</b> Most payments are never reversed and hold no reversal id. Microsoft's pages on alternate keys
/// (learn.microsoft.com "Work with alternate keys", "Define alternate keys to reference rows") state the column types,
/// sizes and forbidden characters but say nothing of null values; a key on an optional column with blank rows (the
/// common account-number key, which this solution ships too: <c>account_accountnumber</c>) is in wide use, and the local Dataverse enforces a key only on rows whose key columns are
/// all set (Service/AlternateKeys.EnsureUnique), which is what this relies on. Should an environment refuse to activate
/// the key (its index job fails on the import, visible in the solution's key status), layer (1) still holds for every
/// non-concurrent replay, which is what a faulty or replayed stream delivers through one queue; the race needs two
/// different accounts' reversals with one id in flight at the same instant. Checked before the account lock is claimed, so
/// a refusal writes nothing.
/// </para>
/// </summary>
public static class ReversalIdInUse
{
    /// <summary>One query: the payment (if any) of the same source system that holds the reversal id.</summary>
    public const int Calls = 1;

    /// <summary>Throws the refusal, naming both payments, when the id reversed another payment of the source system already.</summary>
    public static void Check(IOrganizationService service, Guid paymentId, string payment, string? sourceSystem, string reversalId)
    {
        var query = new QueryExpression(Payment.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(Payment.Fields.ErpId, Payment.Fields.SourceSystem, Payment.Fields.ReversedOn, Payment.Fields.ReversalReason),
            TopCount = 1,
        };
        query.Criteria.AddCondition(Payment.Fields.ReversalId, ConditionOperator.Equal, reversalId);
        if (string.IsNullOrEmpty(sourceSystem))
        {
            query.Criteria.AddCondition(Payment.Fields.SourceSystem, ConditionOperator.Null);
        }
        else
        {
            query.Criteria.AddCondition(Payment.Fields.SourceSystem, ConditionOperator.Equal, sourceSystem);
        }

        query.Criteria.AddCondition(Payment.Fields.PaymentId, ConditionOperator.NotEqual, paymentId);
        if (service.RetrieveMultiple(query).Entities.FirstOrDefault() is not { } other)
        {
            return;
        }

        var reversed = (other.GetAttributeValue<string>(Payment.Fields.SourceSystem) is { Length: > 0 } source ? source + "/" : string.Empty)
            + (other.GetAttributeValue<string>(Payment.Fields.ErpId) ?? other.Id.ToString());
        throw new InvalidPluginExecutionException(
            OperationStatus.Failed,
            PaymentReversals.InUseErrorCode,
            PaymentReversals.InUseRefusal(reversalId, payment, reversed, other.GetAttributeValue<DateTime?>(Payment.Fields.ReversedOn), other.GetAttributeValue<string>(Payment.Fields.ReversalReason)));
    }
}
