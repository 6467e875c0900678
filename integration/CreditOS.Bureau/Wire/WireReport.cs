namespace CreditOS.Bureau.Wire;

internal sealed record CreditReportResponse(string? CorrelationId, DateTimeOffset? DateOfOrder, WireReport? Report);

internal sealed record WireReport(string? CompanyId, WireCompanySummary? CompanySummary, WireCompanyIdentification? CompanyIdentification, WireCreditScore? CreditScore, WirePaymentData? PaymentData, WireNegativeInformation? NegativeInformation);

internal sealed record WireCompanySummary(string? BusinessName, string? Country, string? CompanyRegistrationNumber);

internal sealed record WireCompanyIdentification(WireBasicInformation? BasicInformation);

internal sealed record WireBasicInformation(string? RegisteredCompanyName, string? CompanyRegistrationNumber, string? VatRegistrationNumber, string? Country);

internal sealed record WireCreditScore(WireCreditRating? CurrentCreditRating, WireCreditRating? PreviousCreditRating, DateTimeOffset? LatestRatingChangeDate);

internal sealed record WireCreditRating(string? CommonValue, string? CommonDescription, WireMoney? CreditLimit, WireProviderValue? ProviderValue, string? ProviderDescription);

internal sealed record WireMoney(string? Currency, decimal? Value);

internal sealed record WireProviderValue(int? MinValue, int? MaxValue, int? Value);

internal sealed record WirePaymentData(int? DaysBeyondTerms);

internal sealed record WireNegativeInformation(WireJudgmentSummary? CcjSummary, List<WirePrivilege>? Privileges);

internal sealed record WireJudgmentSummary(int? NumberOfExact, decimal? ValueOfExact, string? Currency);

internal sealed record WirePrivilege(DateTimeOffset? Date, string? Type, decimal? Amount);
