using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// Refuses a change of a credit-owned column (<see cref="CreditOwnedColumns"/>) by anyone but the credit flow, with
/// the columns and the way to a legitimate change. A column sent with the value it already has is no change (forms
/// and integrations re-send whole rows); on create, only a value other than empty, zero or false is a change.
/// </summary>
public static class CreditColumnGuard
{
    /// <summary>The credit-owned columns the save would change.</summary>
    public static IReadOnlyList<string> Changed(Entity target, Entity? before) => ChangedAmong(target, before, CreditOwnedColumns.Of(target.LogicalName));

    /// <summary>Which of <paramref name="columns"/> the save would change (same comparison as the credit-owned columns).</summary>
    /// <remarks>
    /// In the columns' order, as the refusals name them. A loop, not a LINQ query with its closure and list on every call
    /// (session 35): the account's forty-odd credit-owned columns are walked on each of a payment's two account writes; no
    /// list is made when none of them changes.
    /// </remarks>
    public static IReadOnlyList<string> ChangedAmong(Entity target, Entity? before, IEnumerable<string> columns)
    {
        List<string>? changed = null;
        var written = target.Attributes;
        foreach (var column in columns)
        {
            if (written.TryGetValue(column, out var value)
                && !SameValue(value, before is not null && before.Attributes.TryGetValue(column, out var was) ? was : null))
            {
                (changed ??= []).Add(column);
            }
        }

        return changed is null ? NoneChanged : changed;
    }

    private static readonly string[] NoneChanged = [];

    /// <param name="isCreditFlow">Asked only when a credit-owned column would change (it costs a call).</param>
    public static void Check(Entity target, Entity? before, Func<bool> isCreditFlow)
    {
        var changed = Changed(target, before);
        if (changed.Count == 0 || isCreditFlow())
        {
            return;
        }

        var what = target.LogicalName == Model.SalesOrder.EntityLogicalName ? "order" : "account";
        var name = before?.GetAttributeValue<string>(Model.Account.Fields.Name) ?? target.GetAttributeValue<string>(Model.Account.Fields.Name);
        throw new InvalidPluginExecutionException(
            $"The {what}{(string.IsNullOrEmpty(name) ? string.Empty : " '" + name + "'")} cannot be saved: {string.Join(", ", changed)} "
            + (changed.Count == 1 ? "is" : "are") + " set only by the credit flow (credit check, rescoring, payments and Finance decisions), whatever your roles. "
            + (what == "order"
                ? "An order on hold is released or rejected by Finance from its approval request."
                : "Ask Finance for a limit through a credit limit request; figures and scores change when the customer is rescored."));
    }

    /// <summary>Equal Dataverse values; on create (no row before) empty, zero and false count as no value.</summary>
    public static bool SameValue(object? value, object? before)
    {
        var now = Normalize(value);
        var was = Normalize(before);
        return now is null ? was is null : now.Equals(was);
    }

    private static object? Normalize(object? value) => value switch
    {
        null => null,
        Money money => money.Value == 0m ? null : money.Value,
        OptionSetValue option => option.Value,
        EntityReference reference => reference.Id,
        decimal number => number == 0m ? null : number,
        int number => number == 0 ? null : number,
        double number => number == 0d ? null : number,
        bool flag => flag ? true : null,
        string text => text.Length == 0 ? null : text,
        _ => value,
    };
}
