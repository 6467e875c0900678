namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// What a bureau alert compares a report with on our side: the customer's group (its segment; empty: none), our credit
/// limit when the report arrived and the currency amounts are stated in.
/// </summary>
public sealed record BureauAlertSubject(string? CustomerGroup, decimal OurLimit, string Currency);
