using CreditOS.CreditEngine.Collections;
using Xunit;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>Who may be named an account's collector by hand (controls round 7).</summary>
public sealed class CollectorEligibilityTests
{
    [Fact]
    public void AnEnabledCollector_MayBeNamed() =>
        Assert.Null(CollectorEligibility.Refusal(new CollectorCandidate("Colin", true, false, true), "Contoso", "30,000.00", "30,000.00", "creditOS Collector"));

    [Theory]
    [InlineData(false, false, false, "Sam cannot be named the collector of 'Contoso' (open receivables 30,000.00, overdue 20,000.00): Sam is not a user of this organization")]
    [InlineData(true, true, true, "Sam is a disabled user, so the account's receivables")]
    [InlineData(true, false, false, "Sam does not hold the 'creditOS Collector' role, directly or through a team, so")]
    public void AnyoneElse_IsRefusedWithWhy(bool exists, bool disabled, bool holdsRole, string expected) =>
        Assert.Contains(expected, CollectorEligibility.Refusal(new CollectorCandidate("Sam", exists, disabled, holdsRole), "Contoso", "30,000.00", "20,000.00", "creditOS Collector"), StringComparison.Ordinal);
}
