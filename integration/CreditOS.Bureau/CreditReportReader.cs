using CreditOS.Bureau.Wire;

namespace CreditOS.Bureau;

/// <summary>
/// Reads the criteria creditOS uses from a credit report and refuses a report that is not the documented shape or
/// breaks the bureau's own scales: better no report than a plausible wrong one.
/// </summary>
internal static class CreditReportReader
{
    public static BureauCreditReport Read(string connectId, CreditReportResponse response)
    {
        var report = response.Report ?? throw Malformed(connectId, "it has no 'report' object");
        var rating = report.CreditScore?.CurrentCreditRating ?? throw Malformed(connectId, "it has no creditScore.currentCreditRating");
        var band = rating.CommonValue?.Trim().ToUpperInvariant();
        if (band is null || !BureauCreditReport.RatingBands.Contains(band))
        {
            throw Malformed(connectId, $"the international score '{rating.CommonValue}' is not one of {string.Join(", ", BureauCreditReport.RatingBands)}");
        }

        var provider = rating.ProviderValue ?? throw Malformed(connectId, "it has no providerValue (the 0–100 score)");
        if (provider.Value is not { } score)
        {
            throw Malformed(connectId, "providerValue.value is missing");
        }

        var min = provider.MinValue ?? 0;
        var max = provider.MaxValue ?? 100;
        if (min != 0 || max != 100 || score < min || score > max)
        {
            throw Malformed(connectId, $"the provider score {score} on the scale {min}–{max} is not a 0–100 score");
        }

        var limit = rating.CreditLimit ?? throw Malformed(connectId, "it has no creditLimit (the recommended credit)");
        if (limit.Value is not { } recommended || recommended < 0 || string.IsNullOrWhiteSpace(limit.Currency))
        {
            throw Malformed(connectId, $"the recommended credit {limit.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} {limit.Currency} must be a non-negative amount with a currency");
        }

        if (report.PaymentData?.DaysBeyondTerms is < 0)
        {
            throw Malformed(connectId, $"days beyond terms {report.PaymentData.DaysBeyondTerms} is negative");
        }

        var judgments = report.NegativeInformation?.CcjSummary;
        if (judgments?.NumberOfExact is < 0 || judgments?.ValueOfExact is < 0)
        {
            throw Malformed(connectId, $"the judgment summary ({judgments.NumberOfExact} judgments, value {judgments.ValueOfExact}) has a negative figure");
        }

        if (response.DateOfOrder is not { } ordered)
        {
            throw Malformed(connectId, "it has no dateOfOrder");
        }

        var basic = report.CompanyIdentification?.BasicInformation;
        var name = basic?.RegisteredCompanyName ?? report.CompanySummary?.BusinessName;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Malformed(connectId, "it names no company");
        }

        if (report.CompanyId is { Length: > 0 } reported && !string.Equals(reported, connectId, StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed(connectId, $"it is the report of another company ({reported})");
        }

        return new BureauCreditReport(
            connectId,
            name,
            basic?.Country ?? report.CompanySummary?.Country ?? string.Empty,
            basic?.CompanyRegistrationNumber ?? report.CompanySummary?.CompanyRegistrationNumber,
            basic?.VatRegistrationNumber,
            band,
            rating.CommonDescription,
            score,
            recommended,
            limit.Currency.Trim().ToUpperInvariant(),
            report.PaymentData?.DaysBeyondTerms,
            judgments?.NumberOfExact ?? 0,
            judgments?.ValueOfExact ?? 0m,
            report.NegativeInformation?.Privileges?.Count ?? 0,
            DateOnly.FromDateTime(ordered.UtcDateTime),
            response.CorrelationId);
    }

    private static BureauException Malformed(string connectId, string why) =>
        new(BureauFailure.MalformedResponse, $"The bureau's credit report for {connectId} is malformed: {why}. Nothing was stored; ask the bureau for a corrected report.");
}
