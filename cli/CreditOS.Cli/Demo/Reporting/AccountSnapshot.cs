extern alias plugins;

using CreditOS.Cli.Demo.Loading;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using OverdueTolerance = plugins::CreditOS.CreditEngine.Decisions.OverdueTolerance;
using OverdueToleranceColumns = plugins::CreditOS.Dataverse.Credit.Configuration.OverdueToleranceColumns;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>An account's credit picture as Dataverse holds it now (read back, never taken from the demo's own memory).</summary>
internal sealed record AccountSnapshot
{
    private const string TierAlias = "tier";
    private const string PolicyAlias = "policy";

    private static readonly string[] Columns =
    [
        Account.Fields.Name, Account.Fields.AccountNumber, Account.Fields.IndustryCode, Account.Fields.ValueScore, Account.Fields.RiskScore,
        Account.Fields.RiskLevel, Account.Fields.CreditLimit, Account.Fields.Exposure, Account.Fields.AvailableCredit, Account.Fields.Utilization,
        Account.Fields.OverdueAmount, Account.Fields.OverdueBeyondGrace, Account.Fields.IsStarterTerms, Account.Fields.IsSuspended, Account.Fields.SuspensionReason, Account.Fields.TopReasons,
        Account.Fields.OldestOverdueSince,
    ];

    public required Guid AccountId { get; init; }
    public required string Name { get; init; }
    public required string Segment { get; init; }
    public required string Tier { get; init; }
    public string? TierCode { get; init; }
    public decimal? ValueScore { get; init; }
    public decimal? RiskScore { get; init; }
    public string RiskLevel { get; init; } = "-";
    public decimal Limit { get; init; }
    public decimal Exposure { get; init; }
    public decimal Available { get; init; }
    public decimal? Utilization { get; init; }
    public decimal Overdue { get; init; }
    public decimal OverdueBeyondGrace { get; init; }

    /// <summary>Due date of the oldest open receivable past due at the last rescoring (null when none was).</summary>
    public DateTime? OldestOverdueSince { get; init; }

    /// <summary>The account's policy's overdue tolerance (the policy row's columns, joined).</summary>
    public OverdueTolerance OverdueTolerance { get; init; } = OverdueTolerance.None;

    /// <summary>
    /// Overdue beyond grace that holds the account's orders on <paramref name="today"/> by the engine's rule: more than the
    /// policy's overdue tolerance covers (against the permanent limit), or too old for it.
    /// </summary>
    public bool OverdueHoldsOrders(DateTime today) =>
        OverdueBeyondGrace > 0m && !OverdueTolerance.Covers(OverdueBeyondGrace, OldestOverdueSince is { } since ? Math.Max(0, (today.Date - since.Date).Days) : 0, Limit);

    /// <summary>Overdue beyond grace small and recent enough for the policy's tolerance: it does not hold the account's orders.</summary>
    public bool OverdueWithinTolerance(DateTime today) => OverdueBeyondGrace > 0m && !OverdueHoldsOrders(today);
    public bool IsStarterTerms { get; init; }

    /// <summary>The account's policy asks for prepayment (Prepay or Starter): it does not buy on credit.</summary>
    public bool RequiresPrepayment { get; init; }
    public bool IsSuspended { get; init; }
    public string? SuspensionReason { get; init; }
    public string? TopReasons { get; init; }

    public static AccountSnapshot Read(IOrganizationService service, Guid accountId) =>
        ReadWhere(service, accountId).SingleOrDefault() ?? throw new DemoException("Account " + accountId + " is not in the local Dataverse.");

    public static IReadOnlyList<AccountSnapshot> ReadAll(IOrganizationService service) => ReadWhere(service, accountId: null);

    private static List<AccountSnapshot> ReadWhere(IOrganizationService service, Guid? accountId)
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Columns) };
        if (accountId is { } id)
        {
            query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, id);
        }

        var tier = query.AddLink(TierTable.EntityLogicalName, Account.Fields.CreditTierId, TierTable.Fields.CreditTierId, JoinOperator.LeftOuter);
        tier.EntityAlias = TierAlias;
        tier.Columns = new ColumnSet(TierTable.Fields.Name, TierTable.Fields.Code);
        var policy = query.AddLink(CreditOS.Dataverse.Model.CreditPolicy.EntityLogicalName, Account.Fields.CreditPolicyId, CreditOS.Dataverse.Model.CreditPolicy.Fields.CreditPolicyId, JoinOperator.LeftOuter);
        policy.EntityAlias = PolicyAlias;
        policy.Columns = new ColumnSet([CreditOS.Dataverse.Model.CreditPolicy.Fields.IsPrepay, .. OverdueToleranceColumns.Columns]);
        return Scoring.PagedReader.All(service, query).Select(From).ToList();
    }

    private static AccountSnapshot From(Entity row) => new()
    {
        AccountId = row.Id,
        Name = row.GetAttributeValue<string>(Account.Fields.Name) ?? string.Empty,
        Segment = Segments.IndustryName(row.GetAttributeValue<OptionSetValue>(Account.Fields.IndustryCode)?.Value),
        Tier = row.GetAttributeValue<AliasedValue>(TierAlias + "." + TierTable.Fields.Name)?.Value as string ?? "unscored",
        TierCode = row.GetAttributeValue<AliasedValue>(TierAlias + "." + TierTable.Fields.Code)?.Value as string,
        ValueScore = row.GetAttributeValue<decimal?>(Account.Fields.ValueScore),
        RiskScore = row.GetAttributeValue<decimal?>(Account.Fields.RiskScore),
        RiskLevel = row.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel) is { } level ? ((CreditOS.Dataverse.Model.RiskLevel)level.Value).ToString() : "-",
        Limit = Money(row, Account.Fields.CreditLimit),
        Exposure = Money(row, Account.Fields.Exposure),
        Available = Money(row, Account.Fields.AvailableCredit),
        Utilization = row.GetAttributeValue<decimal?>(Account.Fields.Utilization),
        Overdue = Money(row, Account.Fields.OverdueAmount),
        OverdueBeyondGrace = Money(row, Account.Fields.OverdueBeyondGrace),
        OldestOverdueSince = row.GetAttributeValue<DateTime?>(Account.Fields.OldestOverdueSince),
        OverdueTolerance = OverdueToleranceColumns.Read(column => row.GetAttributeValue<AliasedValue>(PolicyAlias + "." + column)?.Value),
        IsStarterTerms = row.GetAttributeValue<bool>(Account.Fields.IsStarterTerms),
        RequiresPrepayment = row.GetAttributeValue<AliasedValue>(PolicyAlias + "." + CreditOS.Dataverse.Model.CreditPolicy.Fields.IsPrepay)?.Value is true,
        IsSuspended = row.GetAttributeValue<bool>(Account.Fields.IsSuspended),
        SuspensionReason = row.GetAttributeValue<string>(Account.Fields.SuspensionReason),
        TopReasons = row.GetAttributeValue<string>(Account.Fields.TopReasons),
    };

    private static decimal Money(Entity row, string column) => row.GetAttributeValue<Money>(column)?.Value ?? 0m;
}
