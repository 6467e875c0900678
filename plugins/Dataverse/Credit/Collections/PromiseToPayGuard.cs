using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Collections;

/// <summary>
/// A promise to pay is a fact the Risk score counts (kept and broken promises of the last twelve months), so the people
/// who record promises do not decide how they end:
/// <list type="bullet">
/// <item>A person creates a promise only as a new, open one: a promise already kept or broken, or with a kept amount or
/// resolution date, is history only the credit flow (SYSTEM, a migration) loads; and one made (<c>cos_promisedon</c>) at
/// the latest the day it is recorded (controls round 8, engine <c>PromisedOnDate</c>).</item>
/// <item>Its outcome (status, kept and remaining amounts, resolution date) is written only by the credit flow: payment
/// posting keeps it, the daily batch breaks it.</item>
/// <item>What was promised (account, invoice, amount, promised date and day, invoices covered) is fixed once recorded:
/// moving the date would keep a promise from being broken. A new promise is a new record.</item>
/// <item>A resolved promise is not changed (nor deactivated) by a person, and neither a resolved promise nor one whose
/// date has passed is deleted by a person. An open promise is deleted by a person only on the day it was recorded (a
/// promise recorded by mistake); after that it runs to its outcome, so nobody deletes it on its last day to keep its
/// breaking out of the customer's history (session 13).</item>
/// </list>
/// </summary>
public static class PromiseToPayGuard
{
    public static readonly IReadOnlyList<string> Outcome =
    [
        PromiseToPay.Fields.PromiseStatus, PromiseToPay.Fields.KeptAmount, PromiseToPay.Fields.RemainingAmount, PromiseToPay.Fields.ResolvedOn,
    ];

    public static readonly IReadOnlyList<string> Promised =
    [
        PromiseToPay.Fields.AccountId, PromiseToPay.Fields.ReceivableId, PromiseToPay.Fields.Amount, PromiseToPay.Fields.PromisedOn,
        PromiseToPay.Fields.PromisedFor, PromiseToPay.Fields.CoveredInvoices,
    ];

    /// <summary>Comma-separated, for the update and delete steps' pre-image.</summary>
    public const string ImageColumns =
        PromiseToPay.Fields.Name + "," + PromiseToPay.Fields.PromiseStatus + "," + PromiseToPay.Fields.KeptAmount + "," + PromiseToPay.Fields.RemainingAmount + ","
        + PromiseToPay.Fields.ResolvedOn + "," + PromiseToPay.Fields.AccountId + "," + PromiseToPay.Fields.ReceivableId + "," + PromiseToPay.Fields.Amount + ","
        + PromiseToPay.Fields.PromisedOn + "," + PromiseToPay.Fields.PromisedFor + "," + PromiseToPay.Fields.CoveredInvoices + "," + PromiseToPay.Fields.StateCode + ","
        + PromiseToPay.Fields.CreatedOn;

    /// <param name="recordedOn">When the promise is recorded (the operation's time).</param>
    public static void GuardCreate(Entity target, DateTime recordedOn, Func<bool> isCreditFlow)
    {
        // Controls round 8: the day it was made is at the latest the day it is recorded (engine PromisedOnDate).
        if (CreditOS.CreditEngine.Collections.PromisedOnDate.Refusal(target.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedOn), recordedOn, Name(target)) is { } made
            && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(made);
        }

        var status = target.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value;
        var resolved = status is not null and not (int)PromiseToPayStatus.Open
            || CreditColumnGuard.ChangedAmong(target, null, [PromiseToPay.Fields.KeptAmount, PromiseToPay.Fields.ResolvedOn]).Count > 0;
        if (resolved && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                "A promise to pay is recorded open; whether it is kept or broken is decided by the payments that arrive by its date (payment posting and the daily batch), "
                + $"so it cannot be entered already resolved (status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).");
        }
    }

    public static void GuardUpdate(Entity target, Entity before, Func<bool> isCreditFlow)
    {
        var outcome = CreditColumnGuard.ChangedAmong(target, before, Outcome);
        var promised = CreditColumnGuard.ChangedAmong(target, before, Promised);
        var resolved = IsResolved(before);
        if (outcome.Count == 0 && promised.Count == 0 && !resolved)
        {
            return;
        }

        if (resolved && !target.Attributes.Keys.Any(k => k != PromiseToPay.Fields.PromiseToPayId && CreditColumnGuard.ChangedAmong(target, before, [k]).Count > 0))
        {
            return;
        }

        if (isCreditFlow())
        {
            return;
        }

        var name = Name(before);
        if (resolved)
        {
            throw new InvalidPluginExecutionException(
                $"The promise to pay '{name}' was {StatusName(before)} on {Day(before.GetAttributeValue<DateTime?>(PromiseToPay.Fields.ResolvedOn))} and is kept as it ended; a resolved promise is not changed.");
        }

        if (outcome.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                $"The promise to pay '{name}' cannot be saved: {string.Join(", ", outcome)} {(outcome.Count == 1 ? "is" : "are")} set by the payments that keep it (payment posting) and the daily batch that breaks it, whatever your roles.");
        }

        throw new InvalidPluginExecutionException(
            $"The promise to pay '{name}' cannot be saved: {string.Join(", ", promised)} {(promised.Count == 1 ? "is" : "are")} what the customer promised on "
            + $"{Day(before.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedOn))} and cannot be changed; record a new promise for a new date or amount.");
    }

    public static void GuardDelete(Entity before, DateTime now, Func<bool> isCreditFlow)
    {
        var passed = before.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor) is { } date && date.Date < now.Date;
        if ((IsResolved(before) || passed) && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                $"The promise to pay '{Name(before)}' for {Day(before.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor))} is {(IsResolved(before) ? StatusName(before) : "past its date")} and counts in the customer's history; it cannot be deleted.");
        }

        var recorded = before.GetAttributeValue<DateTime?>(PromiseToPay.Fields.CreatedOn);
        if (recorded is { } on && on.Date < now.Date && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                $"The promise to pay '{Name(before)}' was recorded on {Day(on)} for {Day(before.GetAttributeValue<DateTime?>(PromiseToPay.Fields.PromisedFor))} and runs to its outcome: "
                + "the payments that arrive by its date keep it, and the daily batch breaks it after its date (a broken promise counts in the customer's Risk score). "
                + "Only a promise recorded by mistake is deleted, on the day it was recorded.");
        }
    }

    private static bool IsResolved(Entity before) =>
        before.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value is (int)PromiseToPayStatus.Kept or (int)PromiseToPayStatus.Broken;

    private static string StatusName(Entity before) =>
        before.GetAttributeValue<OptionSetValue>(PromiseToPay.Fields.PromiseStatus)?.Value == (int)PromiseToPayStatus.Kept ? "kept" : "broken";

    private static string Name(Entity before) => before.GetAttributeValue<string>(PromiseToPay.Fields.Name) ?? before.Id.ToString();

    private static string Day(DateTime? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown day";
}
