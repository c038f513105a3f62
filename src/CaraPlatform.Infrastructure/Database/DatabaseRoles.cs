namespace CaraPlatform.Infrastructure.Database;

/// <summary>
/// The two roles of DESIGN.md §2. The owner runs migrations and owns the tables; the application role (or a
/// login role that is a member of it) has DML rights only, is not superuser and cannot bypass row-level security.
/// </summary>
public static class DatabaseRoles
{
    public const string Owner = "cara_owner";

    public const string Application = "cara_app";
}
