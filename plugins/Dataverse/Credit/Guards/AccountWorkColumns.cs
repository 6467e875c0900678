using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// Account columns the credit flow and the integration worker keep for the collections worklist and bureau
/// monitoring. They are not field-secured (collectors read them on the worklist and hold no field-security profile), so
/// this server-side guard is what keeps people from writing them:
/// <list type="bullet">
/// <item><b>Promise figures and who set the collector</b> (<see cref="CreditFlowOnly"/>): counted from the promises by
/// the credit flow (SYSTEM); who set the collector by hand is stamped by the collector assignment step, never typed.</item>
/// <item><b>Bureau monitoring state</b> (<see cref="MonitoringColumns"/>): the worker's daily job writes it (the
/// Integration role). A person may only queue an account (monitored, status Pending, no message), which is what the
/// "Monitor with bureau" command does as the caller; switching monitoring off, marking an account Monitored, Not found
/// or Failed, or typing its bureau id or portal link is the worker's.</item>
/// </list>
/// </summary>
public static class AccountWorkColumns
{
    public static readonly IReadOnlyList<string> CreditFlowOnly =
    [
        Account.Fields.OpenPromiseCount, Account.Fields.NextPromiseDate, Account.Fields.PromisesKeptFiscalYear,
        Account.Fields.PromisesBrokenFiscalYear, Account.Fields.PromisesOpenFiscalYear, Account.Fields.CollectorSetBy, Account.Fields.CollectorSetOn,
    ];

    public static readonly IReadOnlyList<string> MonitoringColumns =
    [
        Account.Fields.BureauMonitored, Account.Fields.BureauMonitorStatus, Account.Fields.BureauMonitorMessage, Account.Fields.BureauConnectId, Account.Fields.BureauPortalLink,
    ];

    /// <summary>Comma-separated, for the step's filtering attributes.</summary>
    public const string Columns =
        Account.Fields.OpenPromiseCount + "," + Account.Fields.NextPromiseDate + "," + Account.Fields.PromisesKeptFiscalYear + ","
        + Account.Fields.PromisesBrokenFiscalYear + "," + Account.Fields.PromisesOpenFiscalYear + "," + Account.Fields.CollectorSetBy + "," + Account.Fields.CollectorSetOn + ","
        + Account.Fields.BureauMonitored + "," + Account.Fields.BureauMonitorStatus + "," + Account.Fields.BureauMonitorMessage + ","
        + Account.Fields.BureauConnectId + "," + Account.Fields.BureauPortalLink;

    /// <summary>Comma-separated, for the step's pre-image: the row's name and the guarded columns.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Columns;

    /// <param name="isCreditFlow">SYSTEM (one call); asked only when a guarded column would change.</param>
    /// <param name="isIntegration">The worker's user (one call); asked only when a monitoring column would change otherwise than by queuing.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isCreditFlow, Func<bool> isIntegration)
    {
        var computed = CreditColumnGuard.ChangedAmong(target, before, CreditFlowOnly);
        var monitoring = CreditColumnGuard.ChangedAmong(target, before, MonitoringColumns);
        if (computed.Count == 0 && (monitoring.Count == 0 || IsQueuing(target, before, monitoring)))
        {
            return;
        }

        if (isCreditFlow())
        {
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.GetAttributeValue<string>(Account.Fields.Name);
        var account = string.IsNullOrEmpty(name) ? "The account" : "The account '" + name + "'";
        if (computed.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                $"{account} cannot be saved: {string.Join(", ", computed)} {(computed.Count == 1 ? "is" : "are")} kept by the credit flow from the promises to pay and the collector assignment, whatever your roles. "
                + "Record or resolve a promise to pay, or set the collector, and the figures follow.");
        }

        if (!isIntegration())
        {
            throw new InvalidPluginExecutionException(
                $"{account} cannot be saved: {string.Join(", ", monitoring)} {(monitoring.Count == 1 ? "is" : "are")} the bureau monitoring job's, whatever your roles. "
                + "Queue the account with the \"Monitor with bureau\" command; the daily job records whether the bureau monitors it.");
        }
    }

    /// <summary>A person's queuing: monitored, status Pending, no message, nothing else of the monitoring state, and not an account the bureau already monitors.</summary>
    private static bool IsQueuing(Entity target, Entity? before, IReadOnlyList<string> changed)
    {
        var allowed = changed.All(c => c is Account.Fields.BureauMonitored or Account.Fields.BureauMonitorStatus or Account.Fields.BureauMonitorMessage);
        var monitored = Value(target, before, Account.Fields.BureauMonitored) is true;
        var pending = (Value(target, before, Account.Fields.BureauMonitorStatus) as OptionSetValue)?.Value == (int)BureauMonitorStatus.Pending;
        var message = Value(target, before, Account.Fields.BureauMonitorMessage) as string;
        var wasMonitored = before?.GetAttributeValue<bool>(Account.Fields.BureauMonitored) == true
            && before.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus)?.Value == (int)BureauMonitorStatus.Monitored;
        return allowed && monitored && pending && string.IsNullOrEmpty(message) && !wasMonitored;
    }

    private static object? Value(Entity target, Entity? before, string column) =>
        target.Contains(column) ? target[column] : before is not null && before.Contains(column) ? before[column] : null;
}
