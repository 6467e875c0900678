using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Captures every log entry at every level from every category: the formatted message, each structured state value,
/// every scope and the exception, as text, for tests that look for a secret in what a run logs.
/// </summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> entries) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)} | {state}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append($" | {key}={Flatten(value)}");
                }
            }

            provider._scopes.ForEachScope((scope, builder) => builder.Append($" | scope {Flatten(scope)}"), text);
            text.Append(exception);
            provider.Entries.Enqueue(text.ToString());
        }

        private static string Flatten(object? value) => value switch
        {
            null => "null",
            string text => text,
            IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(",", pairs.Select(pair => $"{pair.Key}={Flatten(pair.Value)}")),
            System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Flatten)),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
