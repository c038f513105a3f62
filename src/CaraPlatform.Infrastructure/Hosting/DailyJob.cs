using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Infrastructure.Hosting;

/// <summary>
/// The settings of a job that looks at its records once a day (or as set): whatever it sends, it sends once however
/// often it runs, so the interval only decides how soon after the day turns it notices.
/// </summary>
public abstract class DailyJobOptions
{
    /// <summary>Off only where another instance does the work (or a test drives rounds itself).</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>A <see cref="PollingService"/> run by its <see cref="DailyJobOptions"/>, bound from <paramref name="section"/>.</summary>
public abstract class DailyJob<TOptions>(IOptions<TOptions> options, string section, TimeProvider clock, ILogger logger) : PollingService(logger)
    where TOptions : DailyJobOptions
{
    protected sealed override bool Enabled => options.Value.Enabled;

    protected sealed override string EnabledSetting => $"{section}:Enabled";

    protected sealed override TimeSpan PollInterval => options.Value.PollInterval;

    protected sealed override TimeProvider Clock => clock;
}
