using CaraPlatform.Web.Features.Training.Contracts;

namespace CaraPlatform.Web.Features.Training;

/// <summary>
/// The licence holder's training records: the course catalogue, completions and sign-offs, supervision, and the
/// competence contract scheduling asks (<see cref="IFacilitatorCompetence"/>).
/// </summary>
public static class TrainingModule
{
    public static void AddTraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainingOptions>().Bind(builder.Configuration.GetSection(TrainingOptions.Section))
            .Validate(o => o.SupervisionCadenceMonths is > 0 and <= 24, $"{TrainingOptions.Section}:SupervisionCadenceMonths must be 1 to 24");
        builder.Services.AddScoped<IFacilitatorCompetence, FacilitatorCompetenceCheck>();
    }
}
