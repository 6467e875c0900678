using System;
using System.Linq;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// How a payment names the invoices it pays: one text (<c>cos_appliedinvoices</c>) holding the ERP invoice ids, separated
/// by a comma, a semicolon or a space (what people type on the form as much as what the worker writes). So an invoice id
/// that itself contains one of those characters can never be named: "L 7" is read as the invoices "L" and "7". Such an
/// id is refused where it enters (the worker's intake of invoices and of the references a payment makes), never written
/// as a receivable no payment can settle, and a reference such as "K-4,K-5" inside one ERP field is not split into two
/// invoices the ERP did not name. One home for the separators: the posting, the posted-payment rule and the intake.
/// </summary>
public static class InvoiceReferences
{
    private static readonly char[] SeparatorCharacters = [',', ';', ' '];

    /// <summary>
    /// The payment posting's error code (SubErrorCode) for a payment naming invoices the account does not have. It can pass
    /// by itself (the invoice travels on another queue and may be written a moment later, even between the refusal and a
    /// writer's read-back), so a writer must be able to tell it from a refusal that cannot. Customer bit set, as
    /// <see cref="SourceVersionOrder"/>'s codes.
    /// </summary>
    public const int NotOpenErrorCode = unchecked((int)0xA0C00104);

    /// <summary>The invoice ids a payment's applied-invoices text names (empty entries dropped; repetitions kept).</summary>
    public static string[] Split(string? text) => (text ?? string.Empty).Split(SeparatorCharacters, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first separator in an invoice id, or null when a payment can name it.</summary>
    public static char? SeparatorIn(string id)
    {
        var at = (id ?? string.Empty).IndexOfAny(SeparatorCharacters);
        return at < 0 ? null : id![at];
    }

    /// <summary>Why an invoice id with a separator is refused, naming it, the character and where it came from.</summary>
    public static string Refusal(string what, string id, char separator) =>
        "The " + what + " '" + id + "' contains " + Describe(separator) + ", which separates invoices in a payment's applied invoices ("
        + string.Join(" ", SeparatorCharacters.Select(Describe)) + "): no payment could ever name it. Change the invoice id in the ERP (or agree a mapping) and resubmit.";

    private static string Describe(char separator) => separator == ' ' ? "a space" : "'" + separator + "'";
}
