using System.Globalization;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's payment terms (<c>paymenttermscode</c>) are a credit decision (controls round 9): Finance approves them with
/// a new customer's initial limit (the credit flow writes the recommended net days, <c>CreditLimitWriter</c>), and they are
/// how long the customer's invoices run before they count as overdue. A sales rep (Write on the accounts of his business
/// unit) moved his customer from Net 30, as Finance approved it, to Net 60, doubling the credit period nobody decided.
/// Once an account has terms, changing or clearing them is a Finance approver's (directly, through a team or the Finance
/// team) or the credit flow's; giving terms to an account without any stays open, as the first classification does
/// (<see cref="CustomerSegmentGuard"/>).
/// </summary>
public static class PaymentTermsGuard
{
    /// <summary>The columns the update step filters on.</summary>
    public const string FilteringColumns = Account.Fields.PaymentTermsCode;

    /// <summary>The pre-image the update step registers.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.PaymentTermsCode;

    /// <summary>At most: who SYSTEM is (once per organization) and whether the caller is a Finance approver (3).</summary>
    public const int MaximumCalls = 4;

    /// <param name="isAllowed">SYSTEM or a Finance approver; asked only when terms an account has are changed or cleared.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isAllowed)
    {
        if (!target.Contains(Account.Fields.PaymentTermsCode))
        {
            return;
        }

        var previous = before?.GetAttributeValue<OptionSetValue>(Account.Fields.PaymentTermsCode)?.Value;
        var next = target.GetAttributeValue<OptionSetValue>(Account.Fields.PaymentTermsCode)?.Value;
        if (previous is null || next == previous || isAllowed())
        {
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        throw new InvalidPluginExecutionException(
            $"The payment terms of account '{name}' cannot be changed by you (from {Label(previous)} to {Label(next)}): "
            + "they are how long its invoices run before they count as overdue, a credit decision Finance makes with the limit. "
            + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to change them.");
    }

    /// <summary>The standard table's labels (1 Net 30, 2 "2% 10, Net 30", 3 Net 45, 4 Net 60); the value otherwise.</summary>
    private static string Label(int? code) => code switch
    {
        null => "none",
        1 => "Net 30",
        2 => "2% 10, Net 30",
        3 => "Net 45",
        4 => "Net 60",
        _ => code.Value.ToString(CultureInfo.InvariantCulture),
    };
}
