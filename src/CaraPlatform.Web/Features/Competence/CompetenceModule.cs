using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Portal.Home;
using CaraPlatform.Web.Portal.National;

namespace CaraPlatform.Web.Features.Competence;

/// <summary>
/// Competence-gated scheduling's watch after the fact: the daily lapse check of upcoming runs (<see cref="LapseCheckJob"/>),
/// the coordinator's list of runs at risk on the home page and the Trainer's national worklist. The gate itself, refusing
/// a facilitator when a run is scheduled or changed, is the workshops feature's, through the training feature's contract.
/// </summary>
public static class CompetenceModule
{
    public static void AddCompetence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<LapseWatch>();
        services.AddScoped<NationalRunsAtRisk>();
        services.AddOptions<LapseCheckOptions>().Bind(builder.Configuration.GetSection(LapseCheckOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedSingleton<LapseCheckJob>();
        services.AddHomeWork<LapseHomeWork>();
        services.AddNationalLink(new NationalLink("Runs at risk", "training/runs-at-risk", [PlatformRole.Trainer, PlatformRole.LicenceAdmin], 40,
            "Upcoming runs in every service whose facilitator's training or supervision will lapse before the run."));
    }
}
