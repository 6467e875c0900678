using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// Summary columns with <see cref="PaymentRateRatio"/>'s estimates (the benchmark runs in this process, so the rounds
/// recorded during the run are here when the summary is drawn): the with / without rate by wall time with its 99.9%
/// confidence interval, and by process CPU; each benchmark class its own rounds.
/// </summary>
public sealed class PaymentRateRatioColumn : IColumn
{
    private readonly Func<Type, RatioEstimate?> _estimate;
    private readonly bool _interval;

    private PaymentRateRatioColumn(string name, Func<Type, RatioEstimate?> estimate, bool interval)
    {
        ColumnName = name;
        _estimate = estimate;
        _interval = interval;
    }

    public static IColumn[] All { get; } =
    [
        new PaymentRateRatioColumn("With/without (wall)", PaymentRateRatio.ByWallTime, interval: false),
        new PaymentRateRatioColumn("99.9% CI (wall)", PaymentRateRatio.ByWallTime, interval: true),
        new PaymentRateRatioColumn("With/without (CPU)", PaymentRateRatio.ByProcessCpu, interval: false),
        new PaymentRateRatioColumn("99.9% CI (CPU)", PaymentRateRatio.ByProcessCpu, interval: true),
    ];

    public string Id => nameof(PaymentRateRatioColumn) + "." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _interval
        ? "99.9% confidence interval of the rounds' mean with / without rate (Student's t)"
        : "Mean over the rounds of the with-plug-ins rate / the without-plug-ins rate, both measured interleaved in each round";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => _estimate(benchmarkCase.Descriptor.Type) switch
    {
        null => "n/a",
        { } estimate when _interval => $"{PaymentRateRatio.Percent(estimate.Lower)}–{PaymentRateRatio.Percent(estimate.Upper)}",
        { } estimate => PaymentRateRatio.Percent(estimate.Mean),
    };

    public override string ToString() => ColumnName;
}
