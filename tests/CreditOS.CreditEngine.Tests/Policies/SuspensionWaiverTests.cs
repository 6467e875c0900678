using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Policies;

/// <summary>Privileges suspend like judgments; what Finance waived when it lifted a suspension suspends again only when it gets worse.</summary>
public class SuspensionWaiverTests
{
    [Fact]
    public void APrivilege_Suspends_AndCanBeSwitchedOff()
    {
        var summary = ACustomer().WithBureauReport(5, 80, BureauRating.B, privileges: 1).Summary();

        var suspension = SuspensionEvaluator.Evaluate(summary, new SuspensionRules());
        var off = SuspensionEvaluator.Evaluate(summary, new SuspensionRules { SuspendOnPrivilege = false });

        Assert.Equal(SuspensionCause.BureauPrivilege, suspension.Reasons.Single().Cause);
        Assert.Contains("shows 1 privilege(s)", suspension.Message, StringComparison.Ordinal);
        Assert.False(off.IsSuspended);
    }

    [Fact]
    public void TheWaivedJudgmentAndRating_DoNotSuspendAgain_ButOneMoreJudgmentOrAWorseRatingDoes()
    {
        var lifted = ACustomer().WithBureauReport(5, 20, BureauRating.E, judgments: 1).Summary();
        var waiver = SuspensionWaiver.For(lifted.LatestBureauReport);
        var same = ACustomer().WithBureauReport(6, 20, BureauRating.E, judgments: 1).WithBureauReport(2, 20, BureauRating.E, judgments: 1).Summary();
        var moreJudgments = ACustomer().WithBureauReport(6, 20, BureauRating.E, judgments: 1).WithBureauReport(2, 20, BureauRating.E, judgments: 2).Summary();
        var lowerSolvency = ACustomer().WithBureauReport(6, 20, BureauRating.E, judgments: 1).WithBureauReport(2, 12, BureauRating.E, judgments: 1).Summary();

        Assert.True(SuspensionEvaluator.Evaluate(lifted, new SuspensionRules()).IsSuspended);
        Assert.False(SuspensionEvaluator.Evaluate(same, new SuspensionRules(), waiver).IsSuspended);
        Assert.Equal([SuspensionCause.BureauJudgment], SuspensionEvaluator.Evaluate(moreJudgments, new SuspensionRules(), waiver).Reasons.Select(r => r.Cause));
        Assert.Equal([SuspensionCause.BureauDeterioration], SuspensionEvaluator.Evaluate(lowerSolvency, new SuspensionRules(), waiver).Reasons.Select(r => r.Cause));
    }

    [Fact]
    public void AWaiverNeverCoversAFraudFlag()
    {
        var summary = ACustomer().Flagged(fraud: true).Summary();

        var suspension = SuspensionEvaluator.Evaluate(summary, new SuspensionRules(), SuspensionWaiver.For(null));

        Assert.Equal([SuspensionCause.Fraud], suspension.Reasons.Select(r => r.Cause));
    }
}
