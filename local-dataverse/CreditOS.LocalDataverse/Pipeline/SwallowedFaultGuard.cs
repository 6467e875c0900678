using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Storage;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// A synchronous plug-in that catches the fault of one of its own service calls inside a transaction and carries on. "Any time an
/// error related to a data operation occurs within a synchronous plug-in the transaction for the entire operation will be ended"
/// (Troubleshoot Dataverse plug-ins, "Transaction errors", learn.microsoft.com/power-apps/developer/data-platform/troubleshoot-plug-in),
/// which gives two errors: the plug-in's next call finds "There is no active transaction. This error is usually caused by custom
/// plug-ins that ignore errors from service calls and continue processing." (-2147220911), and a plug-in that returns normally gets
/// "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and
/// continue processing." (-2146893812), which "should occur immediately and in the context of the plug-in that contains the problem".
/// Before session 22 the local Dataverse let the calls after the caught fault run and failed only at commit, with the first.
/// </summary>
internal static class SwallowedFaultGuard
{
    public const string NoActiveTransactionMessage =
        "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.";

    public const string ReducedTransactionCountMessage =
        "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing.";

    /// <summary>A call made in a transaction a failed call has ended is refused before anything runs.</summary>
    public static void RefuseCallIn(Transaction? transaction)
    {
        if (transaction?.DoomedBecause is { } reason)
        {
            throw DataverseFault.Create(DataverseErrorCodes.NoActiveTransaction, NoActiveTransactionMessage, "The transaction ended when " + reason);
        }
    }

    /// <summary>Whether the transaction ended while the plug-in ran (it was alive before): the plug-in swallowed the fault.</summary>
    public static void RefuseReturnAfter(Transaction? transaction, bool endedBefore)
    {
        if (!endedBefore && transaction?.DoomedBecause is { } reason)
        {
            throw DataverseFault.Create(DataverseErrorCodes.IsvReducedOpenTransactionCount, ReducedTransactionCountMessage, "The transaction ended when " + reason);
        }
    }
}
