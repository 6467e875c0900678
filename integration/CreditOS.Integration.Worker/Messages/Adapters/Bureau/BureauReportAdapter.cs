using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Bureau;

/// <summary>
/// A bureau report (JSON): bureau, reportId, customerNumber, solvencyScore, rating, recommendedCredit,
/// daysBeyondTerms, judgment, lien, reportDate.
/// </summary>
public sealed class BureauReportAdapter : IMessageAdapter<BureauReport>
{
    public string Format => "bureau.report";

    public BureauReport Convert(InboundMessage message)
    {
        var report = PayloadFields.Root(message);
        var daysBeyondTerms = PayloadFields.OptionalString(report, "daysBeyondTerms");
        return new BureauReport(
            PayloadFields.RequiredString(report, "bureau"),
            PayloadFields.ErpId(PayloadFields.OptionalString(report, "reportId"), "reportId"),
            PayloadFields.RequiredString(report, "customerNumber"),
            PayloadFields.RequiredInt(report, "solvencyScore"),
            PayloadFields.RequiredString(report, "rating"),
            PayloadFields.RequiredDecimal(report, "recommendedCredit"),
            daysBeyondTerms is null ? null : (int)PayloadFields.Decimal(daysBeyondTerms, "daysBeyondTerms"),
            PayloadFields.OptionalBool(report, "judgment"),
            PayloadFields.OptionalBool(report, "lien"),
            PayloadFields.RequiredDate(report, "reportDate"));
    }
}
