namespace CreditOS.CreditEngine.Alerts;

/// <summary>A bureau alert to raise: the rule that fired, what it measured and the message with the figures.</summary>
public sealed record BureauAlert(BureauAlertRule Rule, decimal Measured, string Message);
