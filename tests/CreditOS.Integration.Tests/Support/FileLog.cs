using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Writes every worker log entry (Debug and up: each settlement with its message id) to the file named by
/// CREDITOS_WORKER_LOG, so a long reliability run leaves evidence to read when it fails. Off when unset.
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

    public static FileLog? FromEnvironment() =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? new FileLog(path) : null;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        _lines.CompleteAdding();
        _writer.Wait(TimeSpan.FromSeconds(10));
        _lines.Dispose();
    }

    private void Write(string line) => _lines.Add(line);

    private sealed class Logger(FileLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var text = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}");
            owner.Write(exception is null ? text : text + " | " + exception.GetType().Name + ": " + exception.Message.ReplaceLineEndings(" "));
        }
    }
}
