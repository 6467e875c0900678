extern alias plugins;

using System.Globalization;
using CreditOS.CreditEngine.Ledger;
using Microsoft.Xrm.Sdk;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Where an account's cash went, when the soak's account figures differ from the model (session 18): each payment row of
/// the account (ERP id, amount, the invoices it names, the cash its shares on them applied, pending, what is left of it as
/// unapplied cash, or the reversal that took it back) beside what the model says of it, and the unapplied cash the ledger's own facts add up to
/// (the unreversed payments' amounts less their applied cash). One line per account: when the facts add up to the
/// model and the account's figure does not, the figure was moved by a write that is not in the facts (a reversal that
/// took cash twice, a lost update); when the facts differ too, the payment named is where the cash went.
/// </summary>
internal static class SoakLedgerFacts
{
    public static string Describe(LocalDataverseOverHttp local, SoakStream stream, string customer, Guid accountId)
    {
        try
        {
            return Facts(local, stream, customer, accountId);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The facts explain a mismatch; they must never hide it.
            return customer + " ledger facts not readable: " + failure.Message;
        }
    }

    private static string Facts(LocalDataverseOverHttp local, SoakStream stream, string customer, Guid accountId)
    {
        var payments = local.Rows(LocalDataverseOverHttp.PaymentTable, Payment.Fields.ErpId, Payment.Fields.Amount, Payment.Fields.AccountId, Payment.Fields.AppliedInvoices, Payment.Fields.ReversalId)
            .Where(row => row.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)?.Id == accountId)
            .OrderBy(row => row.GetAttributeValue<string>(Payment.Fields.ErpId), StringComparer.Ordinal)
            .ToList();
        var shares = local.Rows(LocalDataverseOverHttp.ReceivableTable, Receivable.Fields.AccountId, Receivable.Fields.PaymentShares)
            .Where(row => row.GetAttributeValue<EntityReference>(Receivable.Fields.AccountId)?.Id == accountId)
            .SelectMany(row => PaymentShares.Parse(row.GetAttributeValue<string>(Receivable.Fields.PaymentShares)))
            .ToList();
        var facts = new List<string>();
        var ledgerUnapplied = 0m;
        foreach (var payment in payments)
        {
            var erpId = payment.GetAttributeValue<string>(Payment.Fields.ErpId);
            var amount = payment.GetAttributeValue<Money>(Payment.Fields.Amount)?.Value ?? 0m;
            var own = shares.Where(share => share.Payment == payment.Id).ToList();
            var applied = own.Sum(share => share.AppliedCash);
            var pending = own.Sum(share => share.Pending);
            var reversal = payment.GetAttributeValue<string>(Payment.Fields.ReversalId);
            var left = Math.Max(0m, amount - applied);
            if (reversal is null)
            {
                ledgerUnapplied += left;
            }

            var model = stream.ValidPayments.TryGetValue(erpId, out var meant)
                ? (stream.Reversed.Contains(erpId) ? "reversed" : "kept") + (meant.Invoice.Length == 0 ? ", no invoice" : string.Empty)
                : "not in the model";
            // A reversed payment's shares are gone with its reversal: its row says only that it is reversed.
            var named = payment.GetAttributeValue<string>(Payment.Fields.AppliedInvoices) is { Length: > 0 } invoices ? invoices : "no invoice";
            facts.Add(reversal is null
                ? string.Create(CultureInfo.InvariantCulture, $"{erpId} {amount:0.00} → {named}: applied {applied:0.00}, pending {pending:0.00}, unapplied part {left:0.00} (model: {model})")
                : string.Create(CultureInfo.InvariantCulture, $"{erpId} {amount:0.00} → {named}: reversed by {reversal}, shares left {applied:0.00} (model: {model})"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{customer} ledger facts: unapplied cash of its unreversed payments {ledgerUnapplied:0.00} (model {stream.UnappliedCash(customer):0.00}); ")
            + string.Join("; ", facts);
    }
}
