using System.ServiceModel;
using CreditOS.Cli.Demo.Loading;
using CreditOS.Cli.Demo.Reporting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Story;

/// <summary>A bureau report with a court judgment arrives for a Standard customer; it is suspended at once and its next order refused.</summary>
internal static class JudgmentStep
{
    private const int SolvencyAfterJudgment = 30;
    private const int DaysBeyondTermsScore = 45;
    private const decimal NextOrderAmount = 2_000m;
    private const string ReportId = "BUREAU-STORY-0001";

    public static void Play(StoryContext story, IReadOnlyList<AccountSnapshot> accounts, ISet<Guid> used)
    {
        var account = accounts
            .Where(a => !used.Contains(a.AccountId) && a.TierCode == DefaultCreditConfiguration.Standard && !a.IsSuspended && a.Available > NextOrderAmount)
            .OrderByDescending(a => a.Limit)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (account is null)
        {
            story.Skip("a bureau judgment that suspends a customer", "no Standard customer in good standing in this portfolio");
            return;
        }

        used.Add(account.AccountId);
        var currency = story.Reference.CurrencyCode;
        story.Output.Line("D. The credit bureau reports a court judgment against " + StoryOrders.Describe(account, currency) + ".");
        string? refusal = null;
        try
        {
            story.System.Create(new Entity(BureauReport.EntityLogicalName)
            {
                [BureauReport.Fields.Name] = ReportId,
                [BureauReport.Fields.AccountId] = new EntityReference(Account.EntityLogicalName, account.AccountId),
                [BureauReport.Fields.Bureau] = PortfolioLoader.BureauName,
                [BureauReport.Fields.ExternalId] = ReportId,
                [BureauReport.Fields.SolvencyScore] = SolvencyAfterJudgment,
                [BureauReport.Fields.Rating] = new OptionSetValue((int)BureauReportRating.D),
                [BureauReport.Fields.DbtScore] = DaysBeyondTermsScore,
                [BureauReport.Fields.HasJudgment] = true,
                [BureauReport.Fields.ReportDate] = story.Run.Clock.Today,
            });
        }
        catch (FaultException<OrganizationServiceFault> refused)
        {
            refusal = refused.Detail.Message;
        }

        var after = AccountSnapshot.Read(story.System, account.AccountId);
        story.Output.Line("   Bureau report " + (refusal is null ? "stored" : "REFUSED: " + refusal) + "; the account is "
            + (after.IsSuspended ? "SUSPENDED: " + after.SuspensionReason : "not suspended") + ".");
        OrderEntry? next = null;
        if (refusal is null)
        {
            next = StoryOrders.Enter(story, after, NextOrderAmount, "Story: order after the judgment");
            story.Output.Line("   Its next order of " + Figures.Money(currency, NextOrderAmount) + ": " + StoryText.Status(next) + ".");
        }

        story.Run.Story.Add(new JudgmentOutcome(account.AccountId, refusal, after.IsSuspended, after.SuspensionReason, next));
    }
}
