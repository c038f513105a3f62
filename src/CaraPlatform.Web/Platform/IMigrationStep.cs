namespace CaraPlatform.Web.Platform;

/// <summary>
/// Data a module needs in every environment, such as a registered OpenID Connect client: written by <c>migrate</c> (and
/// by Development's migration on start-up) after the schema and the tenant files, in one scope. A step creates what is
/// missing and brings what exists back to its definition, so that running it again changes nothing.
/// </summary>
public interface IMigrationStep
{
    Task ApplyAsync(CancellationToken cancellationToken);
}
