namespace CaraPlatform.Web.Portal.Home;

/// <summary>Whose home is being drawn: the route tenant's slug, the person, and their roles there.</summary>
public sealed record HomeViewer(string Tenant, Guid PersonId, IReadOnlyList<TenantRole> Roles, ClaimsPrincipal User)
{
    public bool Holds(TenantRole role) => Roles.Contains(role);

    /// <summary>A portal path below the tenant: <c>/t/{tenant}/{path}</c>.</summary>
    public string Path(string path) => $"/t/{Tenant}/{path}";
}

/// <summary>
/// Work a feature shows on a role's home page, for the viewer's roles in the route tenant; each feature registers its
/// own (<see cref="HomeWorkRegistration.AddHomeWork{T}"/>), so the shell knows no feature. Time comes from the
/// feature's TimeProvider, so the lists follow a moved clock.
/// </summary>
public interface IHomeWork
{
    Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken);
}

/// <summary>One list of work on the home page.</summary>
/// <param name="Id">The element id of its card (stable: tests and people's bookmarks use it).</param>
/// <param name="Title">What the list holds, as its heading.</param>
/// <param name="Items">The items shown, most pressing first.</param>
/// <param name="EmptyText">The sentence shown when there is nothing to do.</param>
/// <param name="Total">How many there are in all, shown as the count (may exceed the items shown); null shows no count.</param>
/// <param name="Links">Where the whole list or the next step is (view all, schedule a run).</param>
/// <param name="Summary">A sentence above the items (members in all, delivery counts).</param>
public sealed record WorkList(
    string Id, string Title, IReadOnlyList<WorkItem> Items, string EmptyText, int? Total = null, IReadOnlyList<WorkLink>? Links = null,
    string? Summary = null);

/// <summary>One thing to do, linking to where it is done.</summary>
/// <param name="Text">The link's words (a police reference and name, a run).</param>
/// <param name="Href">Where it is done.</param>
/// <param name="Detail">A due date, a count, a place.</param>
/// <param name="Tag">A status tag beside it ("Overdue", "At risk"): always words, never colour alone.</param>
public sealed record WorkItem(string Text, string Href, string? Detail = null, WorkTag? Tag = null);

/// <summary>A GOV.UK tag: its words and its colour modifier (red, orange, grey... or null for the default blue).</summary>
public sealed record WorkTag(string Text, string? Colour = null)
{
    public static readonly WorkTag Overdue = new("Overdue", "red");

    public static readonly WorkTag AtRisk = new("At risk", "orange");

    public string CssClass => Colour is null ? "govuk-tag" : $"govuk-tag govuk-tag--{Colour}";
}

public sealed record WorkLink(string Text, string Href);

public static class HomeWorkRegistration
{
    /// <summary>Adds a feature's work to the home page; lists appear in the order the modules register them.</summary>
    public static IServiceCollection AddHomeWork<T>(this IServiceCollection services) where T : class, IHomeWork =>
        services.AddScoped<IHomeWork, T>();
}
