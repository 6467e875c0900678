using BenchmarkDotNet.Attributes;
using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.Benchmarks.Engine;

/// <summary>
/// Scoring a customer with two years of history (500 invoices, 500 payments) from the raw history and from the
/// aggregate-shaped summary plugins use, and the order-entry decision.
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*Engine*' --job short
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly CreditConfiguration configuration = DefaultCreditConfiguration.Create();
    private CustomerHistory history = null!;
    private HistorySummary summary = null!;
    private OrderCheckInput order = null!;
    private OrderCheckInput heldOrder = null!;

    [GlobalSetup]
    public void Setup()
    {
        history = TwoYearHistory.Create();
        summary = HistorySummarizer.Summarize(history, TwoYearHistory.AsOf);
        order = new OrderCheckInput
        {
            AsOf = TwoYearHistory.AsOf,
            OrderAmount = 4_500m,
            OrderCurrency = "USD",
            Channel = "Sales",
            ExposureBeforeOrder = new ExposureSnapshot { Currency = "USD", OpenReceivables = 31_000m, OpenOrdersNotInvoiced = 6_000m, OverdueAmount = 2_000m, OldestOverdueDays = 3 },
            Limit = new CreditLimitState(50_000m),
            Terms = new OrderPolicyTerms(5, ApprovalRequirement.OverLimitOnly, 1.25, false),
        };
        heldOrder = order with { OrderAmount = 20_000m };
    }

    [Benchmark(Description = "summarize 500 invoices + 500 payments, then score")]
    public CreditScore SummarizeAndScore() => CreditScorer.Score(HistorySummarizer.Summarize(history, TwoYearHistory.AsOf), configuration);

    [Benchmark(Description = "score from summary")]
    public CreditScore ScoreFromSummary() => CreditScorer.Score(summary, configuration);

    [Benchmark(Description = "assess from summary (score, tier, policy, limit, suspension)")]
    public CreditAssessment AssessFromSummary() => CreditAssessor.Assess(summary, configuration);

    [Benchmark(Description = "order decision (approve)")]
    public DecisionOutcome OrderDecision() => OrderDecisionEngine.Decide(order).Outcome;

    [Benchmark(Description = "order decision (held) with rep message")]
    public string HeldOrderDecisionWithMessage() => OrderDecisionEngine.Decide(heldOrder).Message;
}
