using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>The credit picture of a few accounts: the story's customers first, then the largest exposures.</summary>
internal static class CreditPictureReport
{
    private const int LargestExposures = 5;

    private static readonly TableColumn[] Columns =
    [
        new("Account", LeftAligned: true), new("Segment", LeftAligned: true), new("Tier", LeftAligned: true), new("Value"), new("Risk"),
        new("Level", LeftAligned: true), new("Limit"), new("Exposure"), new("Available"), new("Utilization"), new("Status", LeftAligned: true),
    ];

    public static void Write(DemoOutput output, IOrganizationService service, DemoRun run)
    {
        var all = AccountSnapshot.ReadAll(service);
        var storyAccounts = run.Story.SelectMany(s => s.AccountIds).Distinct().ToList();
        var shown = storyAccounts.Select(id => all.Single(a => a.AccountId == id))
            .Concat(all.Where(a => !storyAccounts.Contains(a.AccountId)).OrderByDescending(a => a.Exposure).ThenBy(a => a.Name, StringComparer.Ordinal).Take(LargestExposures))
            .ToList();
        output.Table(Columns, [.. shown.Select(Row)]);
    }

    private static IReadOnlyList<string> Row(AccountSnapshot account) =>
    [
        account.Name, account.Segment, account.Tier, Figures.Score(account.ValueScore), Figures.Score(account.RiskScore), account.RiskLevel,
        Figures.Money(account.Limit), Figures.Money(account.Exposure), Figures.Money(account.Available), Figures.Utilization(account.Limit, account.Utilization),
        account.IsSuspended ? "suspended" : account.IsStarterTerms ? "starter terms" : "active",
    ];
}
