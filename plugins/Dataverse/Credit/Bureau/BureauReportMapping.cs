using CreditOS.CreditEngine.History;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using BureauTable = CreditOS.Dataverse.Model.BureauReport;
using EngineBureauReport = CreditOS.CreditEngine.History.BureauReport;

namespace CreditOS.Dataverse.Credit.Bureau;

/// <summary>
/// A cos_bureaureport row as the engine's bureau report: the judgment and privilege counts when the bureau gave them,
/// otherwise a judgment flag counts as one judgment and a lien as one privilege.
/// </summary>
public static class BureauReportMapping
{
    public static EngineBureauReport ToEngine(Entity row) => new(
        row.GetAttributeValue<DateTime?>(BureauTable.Fields.ReportDate) ?? DateTime.MinValue,
        row.GetAttributeValue<int?>(BureauTable.Fields.SolvencyScore) ?? EngineBureauReport.MaxSolvencyScore,
        RatingOf(row.ChoiceOrNull(BureauTable.Fields.Rating)),
        row.MoneyOrNull(BureauTable.Fields.RecommendedCredit),
        row.GetAttributeValue<int?>(BureauTable.Fields.DbtScore) ?? 0,
        row.GetAttributeValue<int?>(BureauTable.Fields.JudgmentCount) ?? (row.GetAttributeValue<bool>(BureauTable.Fields.HasJudgment) ? 1 : 0),
        0,
        row.GetAttributeValue<int?>(BureauTable.Fields.PrivilegeCount) ?? (row.GetAttributeValue<bool>(BureauTable.Fields.HasLien) ? 1 : 0));

    public static BureauRating RatingOf(int? choice) => choice switch
    {
        (int)BureauReportRating.A => BureauRating.A,
        (int)BureauReportRating.B => BureauRating.B,
        (int)BureauReportRating.D => BureauRating.D,
        (int)BureauReportRating.E => BureauRating.E,
        _ => BureauRating.C,
    };
}
