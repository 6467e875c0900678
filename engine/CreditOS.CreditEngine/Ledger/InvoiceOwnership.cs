using System;
using System.Globalization;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// The rule that an invoice stays with the customer it was posted to. Its open amount is part of that customer's
/// exposure and the payments applied to it are that customer's money: a restatement naming another customer would move
/// the invoice (and the payments on it) to the other account while the first account's open receivables still counted it,
/// so both balances would disagree with the ERP. Such a write is refused, naming both customers and the figures; the ERP
/// credits the invoice to its customer and invoices the other one.
/// </summary>
public static class InvoiceOwnership
{
    /// <summary>
    /// The plug-in's error code (SubErrorCode) for a write that names another customer than the invoice's. The HRESULT's
    /// customer bit is set, so it is never one of Dataverse's own codes (the sequence of <see cref="SourceVersionOrder"/>'s).
    /// </summary>
    public const int CustomerChangedErrorCode = unchecked((int)0xA0C00103);

    /// <summary>True when a write that states the invoice's customer names another one than its owner (or clears it).</summary>
    public static bool Moves(Guid owner, Guid? named) => named != owner;

    /// <summary>The refusal, with both customers, the invoice's figures and what the write stated.</summary>
    public static string Refusal(string invoice, string owner, string named, decimal amount, decimal open, decimal? statedAmount) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Invoice {0} belongs to customer {1} (amount {2:0.00}, open {3:0.00}); this write names customer {4}{5}: an invoice cannot move to another customer, its open amount and the payments applied to it are {1}'s. Credit it to {1} and invoice {4} in the ERP.",
            invoice,
            owner,
            amount,
            open,
            named,
            statedAmount is { } stated ? string.Format(CultureInfo.InvariantCulture, " with amount {0:0.00}", stated) : string.Empty);
}
