extern alias plugins;

using ConfigurationChanges = plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationChanges;

namespace CreditOS.Cli.Configuration;

/// <summary>
/// The credit settings an administrator changes through a configuration change (controls round 14): the five tables and, for
/// each, which code reads its rows. The columns a change may set are the Dataverse side's (<c>ConfigurationChanges.ColumnsOf</c>,
/// the list the guard enforces and the page mirrors), not a copy.
/// </summary>
public static class CreditSettingTables
{
    /// <summary>Each table and where its rows are read.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> WhereRead =
    [
        new("cos_creditpolicy", "CreditConfigurationReader (plug-ins): limits, payment terms, grace, approval and prepayment, alert thresholds, trusted-channel tolerances, at every order check and rescoring"),
        new("cos_credittier", "CreditConfigurationReader (plug-ins): the tier's policy and rank; the starter tier's row holds the starter thresholds"),
        new("cos_tiermatrixcell", "CreditConfigurationReader via TierMatrixRecords (plug-ins): the tier of a Value/Risk pair"),
        new("cos_approvalrouting", "ApprovalRoute (plug-ins and workflows): the Finance queue, escalation queue, due hours, comment threshold and temporary-limit term of a request"),
        new("cos_approvalauthority", "ApprovalAuthorityRecords (plug-ins): the amount up to which an approver (or team) decides"),
    ];

    public static IEnumerable<string> Tables => WhereRead.Select(t => t.Key);

    /// <summary>The columns a change of the table may set, in the Dataverse side's order.</summary>
    public static IReadOnlyList<string> ColumnsOf(string table) => ConfigurationChanges.ColumnsOf(table).ToList();

    public static string WhereReadOf(string table) => WhereRead.First(t => t.Key == table).Value;
}
