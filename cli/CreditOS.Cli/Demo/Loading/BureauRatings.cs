using CreditOS.Dataverse.Model;
using EngineRating = CreditOS.CreditEngine.History.BureauRating;

namespace CreditOS.Cli.Demo.Loading;

/// <summary>The engine's bureau ratings as cos_bureaureport rating choices.</summary>
internal static class BureauRatings
{
    public static BureauReportRating FromEngine(EngineRating rating) => rating switch
    {
        EngineRating.A => BureauReportRating.A,
        EngineRating.B => BureauReportRating.B,
        EngineRating.C => BureauReportRating.C,
        EngineRating.D => BureauReportRating.D,
        _ => BureauReportRating.E,
    };
}
