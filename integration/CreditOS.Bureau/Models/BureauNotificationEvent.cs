namespace CreditOS.Bureau;

/// <summary>
/// One portfolio notification event: a monitored company changed on a criterion the portfolio's event rules watch.
/// <see cref="EventId"/> is the bureau's unique id of the event (creditOS stores nothing twice for one id).
/// </summary>
public sealed record BureauNotificationEvent(
    string EventId,
    long PortfolioId,
    string ConnectId,
    string CompanyName,
    DateTimeOffset EventDate,
    string RuleCode,
    string RuleName,
    BureauCriterion Criterion,
    string? OldValue,
    string? NewValue);

/// <summary>The criteria creditOS keeps a change history for; <see cref="Other"/> for rules creditOS does not interpret.</summary>
public enum BureauCriterion
{
    Other,
    InternationalRating,
    SolvencyScore,
    RecommendedCredit,
    DaysBeyondTerms,
    Judgment,
    Privilege,
}
