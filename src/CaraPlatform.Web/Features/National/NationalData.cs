using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// One national table: a measure computed from the read model for a filter. Register each in the national module
/// (<c>services.AddNationalMeasure&lt;T&gt;()</c>); the dashboard, the API, exports and force reports list them all.
/// A measure returns raw figures: <see cref="NationalData"/> suppresses them before anyone sees them.
/// </summary>
public interface INationalMeasure
{
    /// <summary>Stable, lower-case with dashes: the API's and the export's name for the table.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>The dashboard section it is shown in (Referrals, Funnel, Timeliness, Compliance, Runs, Feedback, Victims, Outcomes).</summary>
    string Section { get; }

    /// <summary>Its place in the dashboard.</summary>
    int Order { get; }

    Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken);
}

/// <summary>The only way out of the national read model: every table suppressed (cells under 5, and what would give them away).</summary>
public sealed class NationalData(IEnumerable<INationalMeasure> measures)
{
    public IReadOnlyList<INationalMeasure> Measures { get; } = [.. measures.OrderBy(m => m.Order).ThenBy(m => m.Id, StringComparer.Ordinal)];

    public INationalMeasure? Find(string id) => Measures.FirstOrDefault(m => m.Id == id);

    /// <summary>The table, suppressed; null for an unknown id.</summary>
    public async Task<NationalTable?> TableAsync(string id, NationalFilter filter, CancellationToken cancellationToken) =>
        Find(id) is { } measure ? Suppression.Apply(await measure.ComputeAsync(filter, cancellationToken)) : null;

    /// <summary>Every table, suppressed, in dashboard order.</summary>
    public async Task<IReadOnlyList<NationalTable>> AllAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var tables = new List<NationalTable>();
        foreach (var measure in Measures) tables.Add(Suppression.Apply(await measure.ComputeAsync(filter, cancellationToken)));
        return tables;
    }
}
