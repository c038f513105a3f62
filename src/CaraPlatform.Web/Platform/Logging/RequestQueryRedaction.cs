using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaraPlatform.Web.Platform.Logging;

/// <summary>
/// ASP.NET Core logs every request line with its query text ("Request starting GET /referrals?q=Marsh"), and a search's
/// query text is a person's name or date of birth, which must never reach the log (issue 13, part 6). The hosting
/// logger is wrapped so that whatever a log's level or provider, a request line keeps its path but not its query.
/// </summary>
public static class RequestQueryRedaction
{
    /// <summary>What a request line shows in place of its query text.</summary>
    public const string Redacted = "?[query redacted]";

    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Wraps the logger factory registered so far (the redacting one of Microsoft.Extensions.Telemetry, in the host).</summary>
    public static void AddRequestQueryRedaction(this IServiceCollection services)
    {
        var factory = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))?.ImplementationType ?? typeof(LoggerFactory);
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory((ILoggerFactory)ActivatorUtilities.CreateInstance(sp, factory))));
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName == HostingCategory ? new RedactingLogger(logger) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            if (values?.FirstOrDefault(v => v.Key == "QueryString").Value is not string { Length: > 0 } query)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var message = formatter(state, exception).Replace(query, Redacted, StringComparison.Ordinal);
            var redacted = values.Select(v => v.Key == "QueryString" ? new KeyValuePair<string, object?>(v.Key, Redacted) : v).ToList();
            inner.Log(logLevel, eventId, redacted, exception, (_, _) => message);
        }
    }
}
