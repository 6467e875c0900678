using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Messages;

/// <summary>
/// What a customer message may be. Who may create and end one is the roles' business (credit managers: the Finance
/// Approver role; everyone else reads); these rules hold for every writer:
/// <list type="bullet">
/// <item>Create: the code is required and active; the hold and worklist flags come from the code (a message cannot
/// claim to be a hold or not against its code); text and action required default to the code's; it starts when
/// created unless a start is given. One call (the code).</item>
/// <item>Ending (an end at or before now, or deactivating the message) records who ended it and when
/// (<c>cos_endedby</c>, <c>cos_endedon</c>), which nobody writes by hand; ending a hold-code message lifts its hold,
/// a credit decision, so it needs the reason (<c>cos_endreason</c>, kept with who and when). An ended message is an audit fact: it
/// cannot be changed or reopened. The account, code and flags never change: end the message and create another.
/// No call.</item>
/// <item>A running hold (a hold-code message that has started and not ended) is lifted only by ending it: its start
/// is not moved later and its end is not brought forward to a later time (nor set where it had none), which would lift
/// the hold then with nobody recorded as ending it and no reason. Holding longer (an earlier start, a later end or
/// none) stays open, and so do the dates of a hold that has not started. No call.</item>
/// <item>Ending a running hold puts the customer's limit back in force, so the ender's approval authority must cover
/// it (<see cref="HoldEndingAuthority"/>, as for a suspension lift; 3 calls, only then).</item>
/// </list>
/// </summary>
public static class CustomerMessageRules
{
    /// <summary>The columns the update step reads from the row as it was.</summary>
    public const string ImageColumns =
        CustomerMessage.Fields.AccountId + "," + CustomerMessage.Fields.MessageCodeId + "," + CustomerMessage.Fields.IsHold + ","
        + CustomerMessage.Fields.ShowOnWorklist + "," + CustomerMessage.Fields.StartsOn + "," + CustomerMessage.Fields.EndsOn + ","
        + CustomerMessage.Fields.EndedBy + "," + CustomerMessage.Fields.EndedOn + "," + CustomerMessage.Fields.StateCode + "," + CustomerMessage.Fields.Name + ","
        + CustomerMessage.Fields.EndReason;

    private const int NameMaxLength = 200;
    private const int Inactive = 1;

    private static readonly string[] FixedColumns =
        [CustomerMessage.Fields.AccountId, CustomerMessage.Fields.MessageCodeId, CustomerMessage.Fields.IsHold, CustomerMessage.Fields.ShowOnWorklist];

    private static readonly string[] RecordedColumns = [CustomerMessage.Fields.EndedBy, CustomerMessage.Fields.EndedOn];

    public static void OnCreate(IOrganizationService service, Entity target, DateTime now)
    {
        RefuseRecordedColumns(target, before: null);
        if (target.GetAttributeValue<EntityReference>(CustomerMessage.Fields.AccountId) is null)
        {
            throw new InvalidPluginExecutionException("A customer message needs the account it is about.");
        }

        var codeReference = target.GetAttributeValue<EntityReference>(CustomerMessage.Fields.MessageCodeId)
            ?? throw new InvalidPluginExecutionException("A customer message needs a message code; the codes are kept under Message codes.");
        var code = service.Retrieve(
            MessageCode.EntityLogicalName,
            codeReference.Id,
            new ColumnSet(MessageCode.Fields.Code, MessageCode.Fields.Text, MessageCode.Fields.ActionRequired, MessageCode.Fields.IsHold, MessageCode.Fields.ShowOnWorklist, MessageCode.Fields.StateCode));
        var codeName = code.GetAttributeValue<string>(MessageCode.Fields.Code) ?? string.Empty;
        if (code.ChoiceOrNull(MessageCode.Fields.StateCode) is { } state && state != 0)
        {
            throw new InvalidPluginExecutionException("The message code " + codeName + " is inactive; choose an active code.");
        }

        CopyFlag(target, code, CustomerMessage.Fields.IsHold, MessageCode.Fields.IsHold, codeName, "hold code");
        CopyFlag(target, code, CustomerMessage.Fields.ShowOnWorklist, MessageCode.Fields.ShowOnWorklist, codeName, "show on worklist");
        DefaultText(target, CustomerMessage.Fields.Text, code.GetAttributeValue<string>(MessageCode.Fields.Text));
        DefaultText(target, CustomerMessage.Fields.ActionRequired, code.GetAttributeValue<string>(MessageCode.Fields.ActionRequired));
        if (target.GetAttributeValue<DateTime?>(CustomerMessage.Fields.StartsOn) is null)
        {
            target[CustomerMessage.Fields.StartsOn] = now;
        }

        var name = codeName + ": " + target.GetAttributeValue<string>(CustomerMessage.Fields.Text);
        target[CustomerMessage.Fields.Name] = name.Length <= NameMaxLength ? name : name.Substring(0, NameMaxLength);
        RefuseEndBeforeStart(target, before: null);
        if (IsEnding(target, before: null, now))
        {
            throw new InvalidPluginExecutionException("A customer message cannot be created already ended; give an end in the future or none.");
        }
    }

    /// <summary>The update step's most calls: ending a running hold checks the ender's authority.</summary>
    public const int UpdateMaximumCalls = HoldEndingAuthority.Calls;

    public static void OnUpdate(IOrganizationService system, Entity target, RegisteredImage before, Guid endedBy, DateTime now)
    {
        RefuseRecordedColumns(target, before);
        if (before.Get<DateTime?>(CustomerMessage.Fields.EndedOn) is { } endedOn)
        {
            throw new InvalidPluginExecutionException(
                "The message '" + before.Get<string>(CustomerMessage.Fields.Name) + "' was ended on " + endedOn.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
                + " UTC and is kept as it was; create a new message instead.");
        }

        foreach (var column in FixedColumns)
        {
            if (target.Contains(column) && !SameValue(target[column], before.Get<object>(column)))
            {
                throw new InvalidPluginExecutionException(
                    "A customer message's account, code, hold and worklist flags do not change (" + column + "); end this message and create another.");
            }
        }

        RefuseEndBeforeStart(target, before);
        var ending = IsEnding(target, before, now);
        if (!ending)
        {
            RefuseRunningHoldLiftedByItsDates(target, before, now);
        }

        if (ending)
        {
            if (before.Get<bool?>(CustomerMessage.Fields.IsHold) == true && string.IsNullOrWhiteSpace(before.Current<string>(target, CustomerMessage.Fields.EndReason)))
            {
                throw new InvalidPluginExecutionException(
                    "Ending the message '" + before.Get<string>(CustomerMessage.Fields.Name) + "' lifts its hold on new orders: say why in 'Why it was ended'; it is kept with who ended it and when.");
            }

            if (IsRunningHold(before, now) && before.Get<EntityReference>(CustomerMessage.Fields.AccountId) is { } account)
            {
                HoldEndingAuthority.Ensure(system, endedBy, account.Id, before.Get<string>(CustomerMessage.Fields.Name), now);
            }

            target[CustomerMessage.Fields.EndedBy] = new EntityReference(SystemUser.EntityLogicalName, endedBy);
            target[CustomerMessage.Fields.EndedOn] = now;
            if (before.Current<DateTime?>(target, CustomerMessage.Fields.EndsOn) is not { } end || end > now)
            {
                target[CustomerMessage.Fields.EndsOn] = now;
            }
        }
    }

    /// <summary>Ending: deactivating the message, or an end at or before now.</summary>
    private static bool IsEnding(Entity target, RegisteredImage? before, DateTime now)
    {
        if (target.GetAttributeValue<OptionSetValue>(CustomerMessage.Fields.StateCode)?.Value == Inactive)
        {
            return true;
        }

        return target.Contains(CustomerMessage.Fields.EndsOn) && target.GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndsOn) is { } end && end <= now
            && (before is null || before.Get<DateTime?>(CustomerMessage.Fields.EndsOn) != end);
    }

    /// <summary>
    /// A running hold's dates moved so it stops holding later without being ended: a start moved later, or an end
    /// brought forward (or given where it had none) to a time still to come. Refused with both dates; ending it now
    /// with why is the way (an end at or before now is an ending, handled by the caller).
    /// </summary>
    private static void RefuseRunningHoldLiftedByItsDates(Entity target, RegisteredImage before, DateTime now)
    {
        if (!IsRunningHold(before, now))
        {
            return;
        }

        var start = before.Get<DateTime?>(CustomerMessage.Fields.StartsOn);
        var end = before.Get<DateTime?>(CustomerMessage.Fields.EndsOn);

        var name = before.Get<string>(CustomerMessage.Fields.Name);
        var since = start is { } s ? " since " + Time(s) : string.Empty;
        string? change = null;
        if (target.Contains(CustomerMessage.Fields.StartsOn) && target.GetAttributeValue<DateTime?>(CustomerMessage.Fields.StartsOn) is { } movedStart
            && (start is null || movedStart > start) && movedStart > now)
        {
            change = "moving its start to " + Time(movedStart);
        }
        else if (target.Contains(CustomerMessage.Fields.EndsOn) && target.GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndsOn) is { } newEnd && (end is null || newEnd < end))
        {
            change = "ending it at " + Time(newEnd) + " instead of " + (end is { } e ? Time(e) : "never");
        }

        if (change is not null)
        {
            throw new InvalidPluginExecutionException(
                "The message '" + name + "' holds the account's new orders" + since + "; " + change
                + " would lift the hold then with nobody recorded as ending it and no reason. End it now, saying why in 'Why it was ended' (kept with who ended it and when), "
                + "and create another message for the period it should hold.");
        }
    }

    /// <summary>A hold-code message, active, started and not ended: it holds the account's new orders now.</summary>
    private static bool IsRunningHold(RegisteredImage before, DateTime now)
    {
        var start = before.Get<DateTime?>(CustomerMessage.Fields.StartsOn);
        var end = before.Get<DateTime?>(CustomerMessage.Fields.EndsOn);
        return before.Get<bool?>(CustomerMessage.Fields.IsHold) == true
            && before.Get<OptionSetValue>(CustomerMessage.Fields.StateCode)?.Value != Inactive
            && (start is null || start <= now)
            && (end is null || end > now);
    }

    private static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    private static void RefuseEndBeforeStart(Entity target, RegisteredImage? before)
    {
        var start = before is null ? target.GetAttributeValue<DateTime?>(CustomerMessage.Fields.StartsOn) : before.Current<DateTime?>(target, CustomerMessage.Fields.StartsOn);
        var end = before is null ? target.GetAttributeValue<DateTime?>(CustomerMessage.Fields.EndsOn) : before.Current<DateTime?>(target, CustomerMessage.Fields.EndsOn);
        if (start is { } s && end is { } e && e < s)
        {
            throw new InvalidPluginExecutionException("A customer message cannot end before it starts.");
        }
    }

    private static void RefuseRecordedColumns(Entity target, RegisteredImage? before)
    {
        foreach (var column in RecordedColumns)
        {
            if (target.Contains(column) && !SameValue(target[column], before?.Get<object>(column)))
            {
                throw new InvalidPluginExecutionException("Who ended a customer message and when are recorded by creditOS when the message is ended; they cannot be entered (" + column + ").");
            }
        }
    }

    private static void CopyFlag(Entity target, Entity code, string column, string codeColumn, string codeName, string what)
    {
        var fromCode = code.GetAttributeValue<bool?>(codeColumn) == true;
        if (target.Contains(column) && target.GetAttributeValue<bool?>(column) is { } given && given != fromCode)
        {
            throw new InvalidPluginExecutionException(
                "The message code " + codeName + " says " + what + " " + (fromCode ? "yes" : "no") + "; a message takes it from its code (choose another code).");
        }

        target[column] = fromCode;
    }

    private static void DefaultText(Entity target, string column, string? fromCode)
    {
        if (string.IsNullOrWhiteSpace(target.GetAttributeValue<string>(column)))
        {
            target[column] = fromCode;
        }
    }

    private static bool SameValue(object? a, object? b) => a switch
    {
        EntityReference r => b is EntityReference o && o.Id == r.Id,
        null => b is null,
        _ => Equals(a, b),
    };
}
