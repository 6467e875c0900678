using CreditOS.CreditEngine.Approvals;

namespace CreditOS.CreditEngine.Tests.Approvals;

/// <summary>The approval authority matrix's rules: which rows decide an approver's authority, and the refusal's figures.</summary>
public class ApprovalAuthorityRulesTests
{
    [Fact]
    public void TheMostSpecificScopeDecides_AndWithinItTheHighestRow()
    {
        var everyone = new ApprovalAuthorityGrant(ApprovalAuthorityScope.EveryApprover, "Default", 1_000_000m);
        var teams = new[] { new ApprovalAuthorityGrant(ApprovalAuthorityScope.Team, "Level 1", 100_000m), new ApprovalAuthorityGrant(ApprovalAuthorityScope.Team, "Level 2", 250_000m) };
        var user = new ApprovalAuthorityGrant(ApprovalAuthorityScope.User, "Frank on probation", 50_000m);

        Assert.Equal(1_000_000m, ApprovalAuthorityRules.Of([everyone]));
        Assert.Equal(250_000m, ApprovalAuthorityRules.Of([everyone, .. teams]));
        Assert.Equal(50_000m, ApprovalAuthorityRules.Of([everyone, .. teams, user]));
        Assert.Null(ApprovalAuthorityRules.Of([]));
    }

    [Fact]
    public void TheRefusalStatesTheStake_TheAuthorityNeeded_AndTheApproversOwn_InBaseCurrency()
    {
        var limit = ApprovalStake.Limit("approving a credit limit of", 180_000m);

        Assert.Null(ApprovalAuthorityRules.Refusal(limit, "EUR", 1m, isBaseCurrency: true, authority: 180_000m));
        Assert.StartsWith(
            "approving a credit limit of 180,000.00 EUR needs an approval authority of at least 180,000.00; yours is 100,000.00.",
            ApprovalAuthorityRules.Refusal(limit, "EUR", 1m, isBaseCurrency: true, authority: 100_000m),
            StringComparison.Ordinal);

        // 180,000 USD at 1.2 USD per base unit is 150,000 in the base currency: within 150,000, beyond 149,999.99.
        Assert.Null(ApprovalAuthorityRules.Refusal(limit, "USD", 1.2m, isBaseCurrency: false, authority: 150_000m));
        Assert.StartsWith(
            "approving a credit limit of 180,000.00 USD (150,000.00 in the base currency) needs an approval authority of at least 150,000.00; yours is 149,999.99.",
            ApprovalAuthorityRules.Refusal(limit, "USD", 1.2m, isBaseCurrency: false, authority: 149_999.99m),
            StringComparison.Ordinal);
        Assert.Contains("you have none", ApprovalAuthorityRules.Refusal(limit, null, 1m, isBaseCurrency: true, authority: null), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrdersStake_IsTheHigherExposure_OrTheTemporaryLimitGrantedWithIt()
    {
        Assert.Equal(60_000m, ApprovalStake.OrderRelease(55_000m, 60_000m, null).Amount);
        Assert.Equal(60_000m, ApprovalStake.OrderRelease(55_000m, 60_000m, 58_000m).Amount);
        var temporary = ApprovalStake.OrderRelease(55_000m, 50_000m, 75_000m);
        Assert.Equal(75_000m, temporary.Amount);
        Assert.Equal("granting a temporary limit of", temporary.What);
    }

    [Fact]
    public void ASuspensionLiftsStake_IsTheLimitItPutsBackInForce_OrTheExposureWhenHigher_AndItsRefusalSaysTheAccountStaysSuspended()
    {
        var limit = ApprovalStake.SuspensionLift(500_000m, 120_000m);
        var exposure = ApprovalStake.SuspensionLift(80_000m, 95_000m);

        Assert.Equal(500_000m, limit.Amount);
        Assert.Equal("lifting the suspension puts back in force a credit limit of", limit.What);
        Assert.Equal(95_000m, exposure.Amount);
        Assert.Equal("lifting the suspension leaves the customer an exposure of", exposure.What);
        Assert.Equal(
            "lifting the suspension puts back in force a credit limit of 500,000.00 USD needs an approval authority of at least 500,000.00; yours is 100,000.00. "
            + "The account stays suspended for an approver whose authority covers it (the Credit Administrator keeps the approval authorities).",
            ApprovalAuthorityRules.Refusal(limit, "USD", 1m, isBaseCurrency: true, authority: 100_000m, ApprovalAuthorityRules.SuspensionStaysFor));
        Assert.Null(ApprovalAuthorityRules.Refusal(limit, "USD", 1m, isBaseCurrency: true, authority: 500_000m, ApprovalAuthorityRules.SuspensionStaysFor));
    }

    [Fact]
    public void EndingAHoldsStake_IsTheLimitItPutsBackInForce_OrTheExposureWhenHigher_InBaseCurrency_AndItsRefusalSaysTheMessageKeepsHolding()
    {
        var limit = ApprovalStake.HoldLift(500_000m, 120_000m);
        var exposure = ApprovalStake.HoldLift(80_000m, 95_000m);

        Assert.Equal(500_000m, limit.Amount);
        Assert.Equal("ending the hold puts back in force a credit limit of", limit.What);
        Assert.Equal(95_000m, exposure.Amount);
        Assert.Equal("ending the hold leaves the customer an exposure of", exposure.What);
        Assert.Equal(
            "ending the hold puts back in force a credit limit of 500,000.00 EUR (250,000.00 in the base currency) needs an approval authority of at least 250,000.00; yours is 100,000.00. "
            + "The message keeps holding the account's new orders for an approver whose authority covers it (the Credit Administrator keeps the approval authorities).",
            ApprovalAuthorityRules.Refusal(limit, "EUR", 2m, isBaseCurrency: false, authority: 100_000m, ApprovalAuthorityRules.HoldStaysFor));
        Assert.Null(ApprovalAuthorityRules.Refusal(limit, "EUR", 2m, isBaseCurrency: false, authority: 250_000m, ApprovalAuthorityRules.HoldStaysFor));
    }

    [Fact]
    public void AClassificationStakes_TheLimitItWouldPutInForce_OnlyWhenItRaisesTheLimitOrLiftsPrepayment()
    {
        var raised = ApprovalStake.Classification(50_000m, prepaymentBefore: false, 100_000m, prepaymentAfter: false);
        var lifted = ApprovalStake.Classification(5_000m, prepaymentBefore: true, 5_000m, prepaymentAfter: false);

        Assert.NotNull(raised);
        Assert.Equal(100_000m, raised.Amount);
        Assert.Equal(
            "classifying the customer so raises the credit limit its scoring puts in force from 50,000.00 to 100,000.00 USD needs an approval authority of at least 100,000.00; "
            + "yours is 75,000.00. The customer keeps its classification for an approver whose authority covers it (the Credit Administrator keeps the approval authorities).",
            ApprovalAuthorityRules.Refusal(raised, "USD", 1m, isBaseCurrency: true, authority: 75_000m, ApprovalAuthorityRules.ClassificationStaysFor));
        Assert.NotNull(lifted);
        Assert.Equal(5_000m, lifted.Amount);
        Assert.Equal("classifying the customer so lifts its prepayment terms and puts in force a credit limit of", lifted.What);

        // Keeping or tightening the customer's credit decides no credit.
        Assert.Null(ApprovalStake.Classification(50_000m, prepaymentBefore: false, 50_000m, prepaymentAfter: false));
        Assert.Null(ApprovalStake.Classification(50_000m, prepaymentBefore: false, 25_000m, prepaymentAfter: false));
    }

    [Fact]
    public void AGroupExitsStake_IsTheMembersOwnLimitInForce_OrTheExposureWhenHigher_AndItsRefusalSaysTheAccountStaysInTheGroup()
    {
        var limit = ApprovalStake.GroupExit(500_000m, 45_000m);
        var exposure = ApprovalStake.GroupExit(80_000m, 95_000m);

        Assert.Equal(500_000m, limit.Amount);
        Assert.Equal("taking the account out of its credit group puts in force its own credit limit of", limit.What);
        Assert.Equal(95_000m, exposure.Amount);
        Assert.Equal("taking the account out of its credit group leaves the customer an exposure of", exposure.What);
        Assert.Equal(
            "taking the account out of its credit group puts in force its own credit limit of 500,000.00 USD needs an approval authority of at least 500,000.00; yours is 100,000.00. "
            + "The account stays in its credit group for an approver whose authority covers it (the Credit Administrator keeps the approval authorities).",
            ApprovalAuthorityRules.Refusal(limit, "USD", 1m, isBaseCurrency: true, authority: 100_000m, ApprovalAuthorityRules.GroupStaysFor));
        Assert.Null(ApprovalAuthorityRules.Refusal(limit, "USD", 1m, isBaseCurrency: true, authority: 500_000m, ApprovalAuthorityRules.GroupStaysFor));
    }

    [Fact]
    public void AGroupDeactivationsStake_IsTheExposureItFreesForTheOtherMembers_AtMostTheGroupLimit()
    {
        var member = ApprovalStake.GroupDeactivation(200_000m, 500_000m);
        var large = ApprovalStake.GroupDeactivation(900_000m, 500_000m);

        Assert.Equal(200_000m, member.Amount);
        Assert.Equal(500_000m, large.Amount);
        Assert.Equal(
            "deactivating the account frees for the other members of its credit group an exposure of 200,000.00 USD needs an approval authority of at least 200,000.00; yours is 100,000.00. "
            + "The account stays active in its credit group for an approver whose authority covers it (the Credit Administrator keeps the approval authorities).",
            ApprovalAuthorityRules.Refusal(member, "USD", 1m, isBaseCurrency: true, authority: 100_000m, ApprovalAuthorityRules.GroupMemberStaysActiveFor));
    }

    [Theory]
    [InlineData(50_000, 55_000, 25_000, 75_000)] // within the limit before the order: the limit plus the order
    [InlineData(50_000, 90_000, 25_000, 90_000)] // already over the limit without it: the exposure with the order
    public void AReleasesTemporaryLimit_IsCappedAtWhatTheReleaseAsksFor(int limit, int exposureWithOrder, int order, int cap)
    {
        Assert.Equal(cap, OrderReleaseTerms.TemporaryLimitCap(limit, exposureWithOrder, order));
        Assert.Null(OrderReleaseTerms.Refusal(cap, limit, exposureWithOrder, order));
        Assert.Contains("is more than the release asks for", OrderReleaseTerms.Refusal(cap + 0.01m, limit, exposureWithOrder, order), StringComparison.Ordinal);
    }
}
