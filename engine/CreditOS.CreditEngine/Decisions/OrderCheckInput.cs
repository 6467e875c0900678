using CreditOS.CreditEngine.Exposure;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// Everything the order decision needs, in a compact form a plugin fills from the account row (limit, temporary limit,
/// policy terms, suspension, manual hold) and one or two aggregates (exposure and overdue): no raw history.
/// <see cref="ExposureBeforeOrder"/> must not yet include the order being checked.
/// </summary>
public sealed record OrderCheckInput
{
    public required DateTime AsOf { get; init; }
    public required decimal OrderAmount { get; init; }
    public required string OrderCurrency { get; init; }
    public string Channel { get; init; } = string.Empty;
    public required ExposureSnapshot ExposureBeforeOrder { get; init; }
    public required CreditLimitState Limit { get; init; }
    public required OrderPolicyTerms Terms { get; init; }

    /// <summary>Null or empty when not suspended; otherwise the reason stored on the account.</summary>
    public string? SuspensionReason { get; init; }

    public bool ManualHold { get; init; }

    /// <summary>The customer's messages with a hold code active at <see cref="AsOf"/>: each holds the order with its text.</summary>
    public IReadOnlyList<HoldMessage> HoldMessages { get; init; } = [];

    /// <summary>
    /// Every credit group the customer belongs to: each account up its corporate hierarchy holding a group limit (itself
    /// included), nearest first. Empty when none. The order must keep every one of them within its limit.
    /// </summary>
    public IReadOnlyList<CreditGroupPosition> Groups { get; init; } = [];

    /// <summary>
    /// Set when an exclusion rule releases this order without further checks (e.g. a warranty replacement at no
    /// charge): the order is approved with this reason. A suspension still stops it.
    /// </summary>
    public string? ExclusionRule { get; init; }

    /// <summary>Tolerance for the order's channel when it is a trusted one.</summary>
    public TrustedChannelTolerance? ChannelTolerance { get; init; }

    public bool IsSuspended => !string.IsNullOrEmpty(SuspensionReason);

    public bool IsExcluded => !string.IsNullOrEmpty(ExclusionRule);
}
