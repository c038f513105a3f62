using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// The schedule and edit forms of a run: the API's request bound under "Input.", its choices (cohorts, languages,
/// venues, facilitators) from the tenant, and every breach the validator or the scheduling rules name shown beside
/// its field.
/// </summary>
public abstract class RunFormPage(RunHandler runs, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor) : RequestFormModel
{
    public CaraTenantInfo TenantInfo => tenantAccessor.MultiTenantContext.TenantInfo!;

    public TenantDefinition Settings => TenantInfo.Settings;

    public string TenantSlug => TenantInfo.Identifier;

    public IReadOnlyList<(string Value, string Text)> Venues { get; private set; } = [];

    public IReadOnlyList<(string Value, string Text)> Facilitators { get; private set; } = [];

    protected RunHandler Runs { get; } = runs;

    /// <summary>The form's submit button text.</summary>
    public abstract string SubmitText { get; }

    /// <summary>Loads the tenant's active venues and its members with the Facilitator role.</summary>
    protected async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var choices = await Runs.FormChoicesAsync(cancellationToken);
        Venues = [.. choices.Venues.Select(v => (v.Id.ToString(), $"{v.Name}, {v.Town} ({v.Capacity} places)"))];
        Facilitators = [.. choices.Facilitators.Select(f => (f.Id.ToString(), $"{f.Name} ({f.Email})"))];
    }

    /// <summary>
    /// The handler's refusal, by field. Facilitators refused for their training or supervision get an entry each, naming
    /// the person and every reason, at the choice that holds them.
    /// </summary>
    protected void Refused(ProblemException refusal, IRunDetails request)
    {
        if (refusal.Problem.Extensions.TryGetValue("facilitators", out var value) && value is IEnumerable<FacilitatorGaps> refused)
        {
            var chosen = request.FacilitatorIds ?? [];
            FieldErrors = refused.GroupBy(f => $"facilitatorIds[{Math.Max(0, chosen.IndexOf(f.Id))}]")
                .ToDictionary(g => g.Key, g => g.Select(f => f.Describe()).ToArray(), StringComparer.OrdinalIgnoreCase);
            return;
        }

        ShowErrors(WorkshopDisplay.FieldErrors(refusal));
    }

    /// <summary>
    /// Errors by field, each on a field the form has: a whole session's error goes to its date, and the facilitators'
    /// (the pair) to the first of the two, so the error summary's links land on an input.
    /// </summary>
    protected void ShowErrors(Dictionary<string, string[]> errors) =>
        FieldErrors = errors.GroupBy(e => e.Key.ToLowerInvariant() switch
            {
                "workshop1" => "workshop1.date",
                "workshop2" => "workshop2.date",
                "facilitators" or "facilitatorids" => "facilitatorIds[0]",
                _ => e.Key,
            }, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <summary>A fresh form: the tenant's first cohort, English, its default times and group size, at a venue.</summary>
    protected override string? StartingValue(string key)
    {
        var (start, end) = Settings.WorkshopDefaults.SessionTimes();
        return key switch
        {
            "cohort" => Settings.Cohorts.Count > 0 ? Settings.Cohorts[0].ToString() : null,
            "language" => Settings.Languages.Contains("en") || Settings.Languages.Count == 0 ? "en" : Settings.Languages[0],
            "workshop1.startTime" or "workshop2.startTime" => start.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture),
            "workshop1.endTime" or "workshop2.endTime" => end.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture),
            "delivery" => "Venue",
            "capacity" => Settings.WorkshopDefaults.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
