using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace CaraPlatform.Infrastructure.Database;

public sealed record ProvisionedDatabase(string OwnerConnectionString, string ApplicationConnectionString);

/// <summary>
/// Creates the owner and application roles and the database, as a DBA would in production (the README gives
/// the SQL). Used by the development run command and the test harness, with a superuser connection to a
/// private cluster. Idempotent: existing roles get the given passwords, an existing database is kept.
/// </summary>
public static partial class DatabaseProvisioner
{
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z0-9]{16,128}$")]
    private static partial Regex SafePassword();

    public static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public static async Task<ProvisionedDatabase> ProvisionAsync(
        string adminConnectionString, string database, string ownerPassword, string appPassword, CancellationToken cancellationToken = default)
    {
        // Names and passwords go into DDL, which takes no parameters: accept only what cannot break out of it.
        if (!SafeName().IsMatch(database)) throw new ArgumentException("Database names are lower-case letters, digits and underscores.", nameof(database));
        if (!SafePassword().IsMatch(ownerPassword) || !SafePassword().IsMatch(appPassword))
            throw new ArgumentException("Passwords are 16 or more letters and digits (NewPassword makes one).");
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await Execute(connection, $"""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DatabaseRoles.Owner}') THEN
                        CREATE ROLE {DatabaseRoles.Owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
                    END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DatabaseRoles.Application}') THEN
                        CREATE ROLE {DatabaseRoles.Application} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
                    END IF;
                END $$;
                ALTER ROLE {DatabaseRoles.Owner} PASSWORD '{ownerPassword}';
                ALTER ROLE {DatabaseRoles.Application} PASSWORD '{appPassword}';
                """, cancellationToken);
            var exists = await Scalar(connection, $"SELECT count(*) FROM pg_database WHERE datname = '{database}'", cancellationToken);
            if (exists == 0)
                await Execute(connection, $"CREATE DATABASE \"{database}\" OWNER {DatabaseRoles.Owner}", cancellationToken);
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await Execute(connection, $"""
                REVOKE ALL ON DATABASE "{database}" FROM PUBLIC;
                GRANT CONNECT ON DATABASE "{database}" TO {DatabaseRoles.Application};
                GRANT USAGE ON SCHEMA public TO {DatabaseRoles.Application};
                """, cancellationToken);
        }

        return new ProvisionedDatabase(
            ConnectionString(admin, database, DatabaseRoles.Owner, ownerPassword),
            ConnectionString(admin, database, DatabaseRoles.Application, appPassword));
    }

    private static string ConnectionString(NpgsqlConnectionStringBuilder admin, string database, string role, string password) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = admin.Host,
            Port = admin.Port,
            Database = database,
            Username = role,
            Password = password,
        }.ConnectionString;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
