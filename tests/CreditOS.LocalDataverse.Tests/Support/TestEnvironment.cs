using CreditOS.Testing;

namespace CreditOS.LocalDataverse.Tests.Support;

/// <summary>Local Dataverse instances over the purpose-built <see cref="TestCatalog"/>.</summary>
internal static class TestEnvironment
{
    public static DataverseTestBuilder Builder() => DataverseTestBuilder.ALocalDataverse().WithMetadata(TestCatalog.Create());

    public static DataverseTestContext Create() => Builder().Build();
}
