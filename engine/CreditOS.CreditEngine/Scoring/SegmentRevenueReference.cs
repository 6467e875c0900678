namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// The annual revenue a typical customer of a segment brings (e.g. the segment median), so Value is relative to the
/// segment. <paramref name="Segment"/> matches a customer group first, then an industry vertical.
/// </summary>
public sealed record SegmentRevenueReference(string Segment, decimal AnnualRevenue);
