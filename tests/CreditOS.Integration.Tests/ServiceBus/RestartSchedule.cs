using System.Globalization;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>The moments of a stream at which <see cref="RestartedStreamTestsBase"/> can restart the local Service Bus.</summary>
internal enum RestartMoment
{
    /// <summary>As the broker receives the N-th completion (any queue): that message's settlement races the restart.</summary>
    AtMessage,

    /// <summary>As the N-th <c>$batch</c> reaches Dataverse: the broker goes down and the batch waits, so it commits after every link died.</summary>
    DuringBatch,

    /// <summary><see cref="RestartPoint.Delay"/> after the N-th <c>$batch</c> reached Dataverse, while its answer and completions are on the way.</summary>
    AfterBatch,

    /// <summary>The N-th committed <c>$batch</c> answer is held on the worker's HTTP client while the broker restarts, then handed on.</summary>
    BetweenCommitAndSettle,

    /// <summary>As the broker receives the N-th renew-lock request (a batch being handled, or a message held before its abandon).</summary>
    DuringLockRenewal,

    /// <summary>As the broker receives the N-th dead-letter settlement.</summary>
    DuringDeadLetter,
}

/// <summary>
/// One restart: at the <see cref="Occurrence"/>-th time the <see cref="Moment"/> comes, the broker goes down for
/// <see cref="Down"/>, <see cref="Times"/> times in a row with <see cref="Gap"/> of uptime between (restarts in quick
/// succession), after <see cref="Delay"/>.
/// </summary>
internal sealed record RestartPoint(RestartMoment Moment, int Occurrence, TimeSpan Down, TimeSpan Delay = default, int Times = 1, TimeSpan Gap = default)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Occurrence == 0 ? "now" : $"{Moment} {Occurrence}")}: {(Delay > TimeSpan.Zero ? $"{Delay.TotalMilliseconds:F0} ms later, " : string.Empty)}down {Down.TotalMilliseconds:F0} ms{(Times > 1 ? $" ×{Times}, {Gap.TotalMilliseconds:F0} ms apart" : string.Empty)}");
}

/// <summary>
/// When a stream test restarts the broker: a set of <see cref="RestartPoint"/>s, each taken once when its moment's count
/// reaches its occurrence. Built by the test before the worker starts (by hand or from the test's seed).
/// </summary>
internal sealed class RestartSchedule(IEnumerable<RestartPoint> points)
{
    private readonly Dictionary<(RestartMoment, int), RestartPoint> _points = points.ToDictionary(point => (point.Moment, point.Occurrence));

    public static RestartSchedule None { get; } = new([]);

    public IReadOnlyCollection<RestartPoint> Points => _points.Values;

    public static RestartSchedule Of(params RestartPoint[] points) => new(points);

    /// <summary>This schedule and one more point (a point at the same moment and occurrence replaces the one there).</summary>
    public RestartSchedule With(RestartPoint point) => new(_points.Values.Where(other => (other.Moment, other.Occurrence) != (point.Moment, point.Occurrence)).Append(point));

    /// <summary>The point due when <paramref name="moment"/> comes for the <paramref name="occurrence"/>-th time, if any.</summary>
    public RestartPoint? At(RestartMoment moment, int occurrence) => _points.GetValueOrDefault((moment, occurrence));

    public override string ToString() => string.Join("; ", _points.Values.OrderBy(point => point.Moment).ThenBy(point => point.Occurrence));
}
