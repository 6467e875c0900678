using CreditOS.Testing;

namespace CreditOS.LocalDataverse.Tests.Support;

/// <summary>Local Dataverse instances over the purpose-built <see cref="TestCatalog"/>.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// A second System Administrator (with the System Administrator profile), for the generic tests that need a caller
    /// other than the admin: the tables of <see cref="TestCatalog"/> are not the solution's, so its roles grant nothing there.
    /// </summary>
    public static readonly Guid Operator = new("a0000000-0000-4000-8000-0000000000e1");

    public static DataverseTestBuilder Builder() =>
        DataverseTestBuilder.ALocalDataverse()
            .WithMetadata(TestCatalog.Create())
            .WithSetup(env => env.AUser("Olga Operator").WithId(Operator).AsSystemAdministrator().WithSystemAdministratorProfile().Create());

    public static DataverseTestContext Create() => Builder().Build();
}
