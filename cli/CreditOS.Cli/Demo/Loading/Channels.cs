using CreditOS.CreditEngine.Configuration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Cli.Demo.Loading;

/// <summary>The engine's channel codes as salesorder channel choices.</summary>
internal static class Channels
{
    public static OrderChannel FromEngine(string channel) =>
        string.Equals(channel, DefaultCreditConfiguration.EdiChannel, StringComparison.OrdinalIgnoreCase) ? OrderChannel.EDI : OrderChannel.SalesRep;
}
