namespace CreditOS.CreditEngine.Policies;

/// <summary>
/// What a tier grants (cos_creditpolicy): how the limit is computed, payment terms, grace, approvals and alerts.
/// Limit = max(<see cref="BaseLimit"/>, expected peak exposure × <see cref="LimitHeadroom"/>), capped by
/// <see cref="HardCap"/> and by the bureau's recommended credit unless Finance approved more; expected peak exposure =
/// average monthly sales × (terms + usual days beyond terms + <see cref="OrderToInvoiceDays"/>) / 30
/// (see <see cref="CreditLimitCalculator"/>).
/// </summary>
public sealed record CreditPolicy
{
    public const double DefaultWarningUtilization = 0.80;
    public const double DefaultCriticalUtilization = 0.95;

    public required string Code { get; init; }
    public required string Name { get; init; }
    public decimal BaseLimit { get; init; }
    public const int DefaultOrderToInvoiceDays = 7;

    /// <summary>Multiplier on the expected peak exposure (1.25 = a quarter above the customer's normal peak).</summary>
    public decimal LimitHeadroom { get; init; } = 1m;

    /// <summary>Days from order to invoice: open orders count in exposure before they are invoiced.</summary>
    public int OrderToInvoiceDays { get; init; } = DefaultOrderToInvoiceDays;
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

    /// <summary>
    /// Overdue beyond grace, in total, that does not hold an order while small and recent (amount, share of the limit, days
    /// past due of the oldest item); <see cref="Decisions.OverdueTolerance.None"/> = every overdue amount holds. Shipped
    /// values and their reasoning: engine/README.md "Overdue tolerance".
    /// </summary>
    public Decisions.OverdueTolerance OverdueTolerance { get; init; } = Decisions.OverdueTolerance.None;

    /// <summary>Overdue balance above which a credit alert is raised.</summary>
    public decimal OverdueAlertAmount { get; init; }

    /// <summary>
    /// The channel whose small orders this policy lets through slightly over the limit or slightly overdue (for example
    /// EDI replenishment), with its tolerances; null = no channel is trusted. Kept on the policy row (cos_trustedchannel
    /// and its three tolerance columns) so an admin tunes it where the rest of the policy is.
    /// </summary>
    public Decisions.TrustedChannelTolerance? TrustedChannel { get; init; }

    /// <summary>The tolerance for an order from <paramref name="channel"/>, or null when that channel is not the trusted one.</summary>
    public Decisions.TrustedChannelTolerance? ToleranceFor(string? channel) => Decisions.TrustedChannelTolerance.For(TrustedChannel, channel);

    /// <summary>When a rescored limit replaces the current one on its own, and when Finance reviews it first.</summary>
    public Limits.LimitChangeRules LimitChanges { get; init; } = Limits.LimitChangeRules.Default;

    /// <summary>Terms in the usual notation: "Prepayment", "Net 30", "2/10 net 30".</summary>
    public string TermsText => PaymentTermsText.Describe(this);
}
