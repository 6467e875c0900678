using CreditOS.CreditEngine.Decisions;

namespace CreditOS.CreditEngine.Portfolio;

/// <summary>The outcome of one order check, for the rejection rate per segment.</summary>
public sealed record OrderCheckRecord(string Segment, DecisionOutcome Outcome);
