using System.Diagnostics;
using CaraPlatform.Web.Platform.Logging;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaraPlatform.Web.Platform.Observability;

/// <summary>
/// What operators see of a running host (issue 15, part 4): OpenTelemetry traces and metrics of ASP.NET Core,
/// HttpClient and Npgsql; a Prometheus scrape endpoint on a port of its own; logs as JSON outside Development, each
/// line carrying its trace id, which every response returns as <c>traceparent</c>; and personal values redacted by
/// the logging layer itself.
/// </summary>
public static class Observability
{
    public const string ServiceName = "cara-platform";

    /// <summary>
    /// The port of the Prometheus scrape endpoint (<c>/metrics</c>), 0 for none. It is an HttpListener of its own and not
    /// a Kestrel endpoint: an endpoint added to Kestrel in code replaces the ones ASPNETCORE_URLS gives, and the
    /// public port must never serve the metrics.
    /// </summary>
    public const string MetricsPortSetting = "Observability:MetricsPort";

    public const int DefaultMetricsPort = 9464;

    /// <summary>The standard OpenTelemetry setting: traces, metrics and logs are exported over OTLP only when it is given.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddCaraObservability(this WebApplicationBuilder builder)
    {
        var metricsPort = builder.Configuration.GetValue(MetricsPortSetting, DefaultMetricsPort);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql())
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation();
                if (metricsPort > 0)
                {
                    m.AddPrometheusHttpListener(o =>
                    {
                        o.Port = metricsPort;
                        // Every interface (Prometheus scrapes the pod's address), which the exporter's Host cannot say.
                        o.ConfigureHttpListener = (_, listener) =>
                        {
                            listener.Prefixes.Clear();
                            listener.Prefixes.Add($"http://*:{metricsPort}/");
                        };
                    });
                }
            });
        if (builder.Configuration[OtlpEndpointSetting] is { Length: > 0 }) telemetry.UseOtlpExporter();

        if (!builder.Environment.IsDevelopment())
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        builder.Services.AddRedaction(r => r.SetRedactor<ErasingRedactor>(new DataClassificationSet(PersonalValueAttribute.PersonalValue)));
        builder.Logging.EnableRedaction();
        builder.Services.AddRequestQueryRedaction();
        builder.Services.AddSingleton<IStartupFilter, TraceparentResponseHeader>();
    }

    /// <summary>
    /// Every response names its trace (W3C <c>traceparent</c>), so that a caller reporting a problem gives the id its log
    /// lines and spans carry. Set as the response starts: the exception handler clears the headers set before.
    /// </summary>
    private sealed class TraceparentResponseHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } request)
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers["traceparent"] = request.Id;
                        return Task.CompletedTask;
                    });
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// A log parameter that can carry a person's data (an email address, a name, a file named after one): the logging
/// layer erases its value before any provider sees it, whatever the provider or its level.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalValueAttribute() : DataClassificationAttribute(PersonalValue)
{
    /// <summary>The classification the host's redactor erases.</summary>
    public static Microsoft.Extensions.Compliance.Classification.DataClassification PersonalValue { get; } = new("CaraPlatform", "PersonalValue");
}
