namespace CaraPlatform.Web.Tests.Support;

/// <summary>Every log line as one string: category, message, each state value, each scope and the exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static void Append(StringBuilder line, object? value)
    {
        line.Append(" | ").Append(value);
        if (value is IEnumerable<KeyValuePair<string, object?>> values)
            foreach (var (key, item) in values) line.Append(' ').Append(key).Append('=').Append(item);
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder(category).Append(": ").Append(formatter(state, exception));
            Append(line, state);
            provider._scopes.ForEachScope((scope, builder) => Append(builder, scope), line);
            if (exception is not null) line.Append(" | ").Append(exception);
            provider.Lines.Enqueue(line.ToString());
        }
    }
}
