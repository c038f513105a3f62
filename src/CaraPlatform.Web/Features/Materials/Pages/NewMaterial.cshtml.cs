namespace CaraPlatform.Web.Features.Materials.Pages;

/// <summary>A new item of the catalogue (LicenceAdmin): its releases are added on its page.</summary>
[Authorize(Policy = NationalPolicies.LicenceAdmin)]
public sealed class NewMaterialModel(MaterialCatalogue catalogue, CaraDbContext db, IValidator<CreateMaterialItemRequest> validator) : RequestFormModel
{
    [BindProperty] public CreateMaterialItemRequest? Input { get; set; }

    /// <summary>The languages any tenant delivers or any licence covers, English first.</summary>
    public IReadOnlyList<(string Value, string Text)> Languages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await OfferAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await OfferAsync(cancellationToken);
        var request = Input ?? new CreateMaterialItemRequest(null, null, null, null, null);
        FieldErrors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (FieldErrors.Count > 0) return Page();
        var item = await catalogue.CreateItemAsync(request, cancellationToken);
        return Redirect($"/national/materials/{item.Id}?done=created");
    }

    protected override string? StartingValue(string key) => key == "language" ? "en" : null;

    private async Task OfferAsync(CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().Select(t => t.Definition).ToListAsync(cancellationToken);
        var licensed = await db.Licences.AsNoTracking().Select(l => l.Terms).ToListAsync(cancellationToken);
        Languages = [.. tenants.SelectMany(t => t.Languages).Concat(licensed.SelectMany(l => l.Languages)).Append("en").Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(l => l != "en").ThenBy(MaterialDisplay.Language, StringComparer.Ordinal).Select(l => (l, MaterialDisplay.Language(l)))];
    }
}
