using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Writes every worker log entry (Debug and up: each settlement with its message id) to the file named by
/// CREDITOS_WORKER_LOG, so a long reliability run leaves evidence to read when it fails. Off when unset.
/// One writer per file for the whole test process (session 24): every worker of a test used to open its own append-mode
/// writer on the same file, and the writers' buffers overwrote each other's lines (a soak with a killed and a replacement
/// worker left 538 lines of a run that logged thousands), so the evidence of a failure was lost. Workers now borrow the
/// shared writer, which is flushed and closed when the process exits.
/// </summary>
public sealed class FileLog : ILoggerProvider
{
    public const string PathVariable = "CREDITOS_WORKER_LOG";

    private readonly BlockingCollection<string> _lines = new(100_000);
    private readonly Task _writer;

    private FileLog(string path)
    {
        _writer = Task.Factory.StartNew(
            () =>
            {
                using var file = new StreamWriter(path, append: true);
                foreach (var line in _lines.GetConsumingEnumerable())
                {
                    file.WriteLine(line);
                }
            },
            TaskCreationOptions.LongRunning);
    }

    private static readonly ConcurrentDictionary<string, FileLog> Shared = new(StringComparer.Ordinal);

    /// <summary>
    /// A provider writing to the process's one writer for CREDITOS_WORKER_LOG (disposing it leaves the writer open), or null.
    /// Each line names <paramref name="source"/> (which worker of a test wrote it: a killed worker's lines told apart from its
    /// replacement's, session 25).
    /// </summary>
    public static ILoggerProvider? FromEnvironment(string source) =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? new Borrowed(Shared.GetOrAdd(path, Open), source) : null;

    private static FileLog Open(string path)
    {
        var log = new FileLog(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => log.Dispose();
        return log;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, string.Empty, categoryName);

    public void Dispose()
    {
        _lines.CompleteAdding();
        _writer.Wait(TimeSpan.FromSeconds(10));
        _lines.Dispose();
    }

    private void Write(string line)
    {
        try
        {
            _lines.TryAdd(line);
        }
        catch (InvalidOperationException)
        {
            // The process is exiting and the writer closed: the line is dropped.
        }
    }

    /// <summary>A worker's handle on the shared writer: the worker's service provider disposes this, not the writer.</summary>
    private sealed class Borrowed(FileLog log, string source) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, $"[{source}] ", categoryName);

        public void Dispose()
        {
            // The writer outlives each worker: it is closed when the process exits.
        }
    }

    private sealed class Logger(FileLog owner, string source, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var text = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {source}{category}: {formatter(state, exception)}");
            owner.Write(exception is null ? text : text + " | " + exception.GetType().Name + ": " + exception.Message.ReplaceLineEndings(" "));
        }
    }
}
