namespace CreditOS.Solution.Fixtures;

/// <summary>Step ids of the fixture plugins, in one place for the tests that look for them.</summary>
public static class FixtureIds
{
    public const string AccountLimitChangedStep = "0f5e4c52-6a0e-4d55-9d3e-0c1f7a2b9e01";
    public const string PaymentPostedStep = "0f5e4c52-6a0e-4d55-9d3e-0c1f7a2b9e02";
    public const string OrderEnteredStep = "0f5e4c52-6a0e-4d55-9d3e-0c1f7a2b9e03";
}
