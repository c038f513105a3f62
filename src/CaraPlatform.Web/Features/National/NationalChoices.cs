namespace CaraPlatform.Web.Features.National;

/// <summary>A force a national view can be narrowed to: its code (the read model's) and its name.</summary>
public sealed record NationalForce(string Code, string Name);

/// <summary>What the national filters offer, from the tenants' definitions: every force and language any tenant has.</summary>
public sealed record NationalChoices(IReadOnlyList<NationalForce> Forces, IReadOnlyList<string> Languages)
{
    /// <summary>The force's name, or its code when no tenant defines it (any more).</summary>
    public string ForceName(string code) => Forces.FirstOrDefault(f => f.Code == code)?.Name ?? code;
}

/// <summary>Reads the tenants' definitions for the filters and for labels (force names).</summary>
public sealed class NationalChoicesQuery(CaraDbContext db)
{
    public async Task<NationalChoices> GetAsync(CancellationToken cancellationToken)
    {
        var definitions = await db.Tenants.AsNoTracking().Select(t => t.Definition).ToListAsync(cancellationToken);
        return new NationalChoices(
            [.. definitions.SelectMany(d => d.Forces).DistinctBy(f => f.Code).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new NationalForce(f.Code, f.Name))],
            [.. definitions.SelectMany(d => d.Languages).Distinct().Order(StringComparer.Ordinal)]);
    }
}
