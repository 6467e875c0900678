using CreditOS.Testing;

namespace CreditOS.LocalDataverse.Tests.Security;

/// <summary>A local Dataverse with the solution's metadata, roles and profiles: security tests run as the people of the solution.</summary>
internal static class SecurityTestSetup
{
    public static DataverseTestContext Solution() => DataverseTestBuilder.ALocalDataverse().Build();

    public static DataverseTestBuilder SolutionBuilder() => DataverseTestBuilder.ALocalDataverse();
}
