using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>The unbound Custom API that queues accounts for bureau monitoring (the account form's and the account views' command).</summary>
public static class QueueBureauMonitoringApi
{
    public const string UniqueName = "cos_QueueBureauMonitoring";

    /// <summary>Most accounts one call queues (a view's selection).</summary>
    public const int MaxAccounts = 250;

    public static class Request
    {
        /// <summary>The accounts' ids (StringArray).</summary>
        public const string AccountIds = "AccountIds";
    }

    public static class Response
    {
        /// <summary>How many accounts were queued (those already monitored are not queued again).</summary>
        public const string Queued = "Queued";
    }
}

/// <summary>
/// Queues accounts for bureau monitoring: each is flagged <c>cos_bureaumonitored</c> with status Pending, and the
/// worker's daily job finds it at the bureau and adds it to the portfolio. Runs as the caller, so only accounts the
/// caller may change are queued; all or none: an account the bureau cannot be searched for (no bureau company id,
/// registration or VAT number, or no country) refuses the whole call, naming it. Budget: 2 calls per account.
/// </summary>
public static class BureauMonitoringQueue
{
    public static int Queue(IOrganizationService caller, IReadOnlyList<string>? accountIds)
    {
        if (accountIds is null || accountIds.Count == 0)
        {
            throw new InvalidPluginExecutionException("Select at least one account to monitor with the bureau.");
        }

        if (accountIds.Count > QueueBureauMonitoringApi.MaxAccounts)
        {
            throw new InvalidPluginExecutionException($"{accountIds.Count} accounts were selected; at most {QueueBureauMonitoringApi.MaxAccounts} are queued at once, so select fewer.");
        }

        var rows = new List<Entity>();
        var unsearchable = new List<string>();
        foreach (var text in accountIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!Guid.TryParse(text, out var id))
            {
                throw new InvalidPluginExecutionException($"'{text}' is not an account id.");
            }

            var row = caller.Retrieve(Account.EntityLogicalName, id, new ColumnSet(
                Account.Fields.Name, Account.Fields.BureauMonitored, Account.Fields.BureauMonitorStatus, Account.Fields.BureauConnectId,
                Account.Fields.RegistrationNumber, Account.Fields.VatNumber, Account.Fields.CountryCode));
            var searchable = !string.IsNullOrWhiteSpace(row.GetAttributeValue<string>(Account.Fields.BureauConnectId))
                || (!string.IsNullOrWhiteSpace(row.GetAttributeValue<string>(Account.Fields.CountryCode))
                    && (!string.IsNullOrWhiteSpace(row.GetAttributeValue<string>(Account.Fields.RegistrationNumber)) || !string.IsNullOrWhiteSpace(row.GetAttributeValue<string>(Account.Fields.VatNumber))));
            if (!searchable)
            {
                unsearchable.Add(row.GetAttributeValue<string>(Account.Fields.Name) ?? id.ToString());
            }

            rows.Add(row);
        }

        if (unsearchable.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                $"Nothing was queued: the bureau cannot be searched for {string.Join(", ", unsearchable)}; give each a country code and a registration or VAT number first.");
        }

        var queued = 0;
        foreach (var row in rows)
        {
            var monitored = row.GetAttributeValue<bool>(Account.Fields.BureauMonitored)
                && row.GetAttributeValue<OptionSetValue>(Account.Fields.BureauMonitorStatus)?.Value is (int)BureauMonitorStatus.Monitored or (int)BureauMonitorStatus.Pending;
            if (monitored)
            {
                continue;
            }

            caller.Update(new Entity(Account.EntityLogicalName, row.Id)
            {
                [Account.Fields.BureauMonitored] = true,
                [Account.Fields.BureauMonitorStatus] = new OptionSetValue((int)BureauMonitorStatus.Pending),
                [Account.Fields.BureauMonitorMessage] = null,
            });
            queued++;
        }

        return queued;
    }
}
