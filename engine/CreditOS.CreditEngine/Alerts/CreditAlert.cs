namespace CreditOS.CreditEngine.Alerts;

public enum CreditAlertType
{
    UtilizationThresholdCrossed = 1,
    OverdueAboveThreshold = 2,
    TierDowngrade = 3,
    BureauDeterioration = 4,
}

/// <summary>An alert for credit management (cos_creditalert), with its message.</summary>
public sealed record CreditAlert(CreditAlertType Type, string Message);
