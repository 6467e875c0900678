using CreditOS.CreditEngine.Configuration;

namespace CreditOS.CreditEngine.Tests.Builders;

internal static class Configs
{
    public static readonly CreditConfiguration Default = DefaultCreditConfiguration.Create();
}
