namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// What a tier grants (cos_creditpolicy): how the limit is computed, payment terms, grace, approvals and alerts.
/// Limit = max(<see cref="BaseLimit"/>, trailing 12-month revenue × <see cref="TrailingRevenueShare"/>),
/// capped by <see cref="HardCap"/> and by the bureau's recommended credit unless Finance approved more.
/// </summary>
public sealed record CreditPolicy
{
    public const double DefaultWarningUtilization = 0.80;
    public const double DefaultCriticalUtilization = 0.95;

    public required string Code { get; init; }
    public required string Name { get; init; }
    public decimal BaseLimit { get; init; }
    public decimal TrailingRevenueShare { get; init; }
    public decimal HardCap { get; init; }

    /// <summary>Net days; 0 with <see cref="RequiresPrepayment"/> means cash in advance.</summary>
    public int PaymentTermsDays { get; init; }

    public decimal EarlyPaymentDiscountPercent { get; init; }
    public int EarlyPaymentDiscountDays { get; init; }
    public int GraceDays { get; init; }
    public ApprovalRequirement ApprovalRequirement { get; init; } = ApprovalRequirement.OverLimitOnly;

    /// <summary>
    /// Utilization (with the order) above which an over-limit order is blocked rather than sent to Finance;
    /// null = always sent to Finance.
    /// </summary>
    public double? BlockAboveUtilization { get; init; }

    /// <summary>Orders are held until paid in advance (starter and prepay policies), unless Finance set a limit.</summary>
    public bool RequiresPrepayment { get; init; }

    public double WarningUtilization { get; init; } = DefaultWarningUtilization;
    public double CriticalUtilization { get; init; } = DefaultCriticalUtilization;

    /// <summary>Overdue balance above which a credit alert is raised.</summary>
    public decimal OverdueAlertAmount { get; init; }

    /// <summary>Terms in the usual notation: "Prepayment", "Net 30", "2/10 net 30".</summary>
    public string TermsText => PaymentTermsText.Describe(this);
}
