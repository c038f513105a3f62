using System.Net.Mail;

namespace CaraPlatform.Web.Features.PlatformStaff;

/// <summary>
/// <c>bootstrap-licence-admin --email … [--name …]</c>: the first LicenceAdmin of a migrated database, in any
/// environment. It makes a staff invitation (the account is created when the link is followed, with the person's own
/// password), prints its one-time link, stages it as email and audits it. While no LicenceAdmin exists it may be run
/// again (a lost link is replaced by a new one); once one does, everyone else is invited from the portal.
/// </summary>
public sealed class BootstrapLicenceAdminCommand(IServiceScopeFactory scopes, IConfiguration configuration) : IHostCommand
{
    /// <summary>Arguments missing, unknown, or an email that is not one (sysexits' EX_USAGE).</summary>
    public const int UsageExitCode = 64;

    /// <summary>A LicenceAdmin exists already: nothing was made (sysexits' EX_CANTCREAT).</summary>
    public const int LicenceAdminExistsExitCode = 73;

    /// <summary>Neither <c>Cara:PublicUrl</c> nor the issuer says where the link should point (sysexits' EX_CONFIG).</summary>
    public const int NoPublicAddressExitCode = 78;

    private const string Usage = "usage: bootstrap-licence-admin --email <email> [--name <display name>]";

    public string Name => "bootstrap-licence-admin";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        if (Options(arguments) is not { } options || !options.TryGetValue("--email", out var email))
            return await FailAsync(UsageExitCode, Usage);
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email.Trim() || email.Length > 320)
            return await FailAsync(UsageExitCode, $"'{email}' is not an email address.\n{Usage}");
        if (SiteRoot() is not { } siteRoot)
            return await FailAsync(NoPublicAddressExitCode, $"Set {PublicAddress.PublicUrlKey} to the address people reach the service at: the link points there.");

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
        if (await users.Users.AnyAsync(u => u.PlatformRoles.Contains(PlatformRole.LicenceAdmin), cancellationToken))
            return await FailAsync(LicenceAdminExistsExitCode, "A LicenceAdmin exists already: nothing was made. Invite further staff from the portal (/national/staff).");

        var issued = await scope.ServiceProvider.GetRequiredService<StaffInvitations>()
            .InviteAsync(email, options.GetValueOrDefault("--name"), [PlatformRole.LicenceAdmin], invitedBy: null, siteRoot, cancellationToken);
        await Console.Out.WriteLineAsync($"""
            Invitation for the first LicenceAdmin made for {issued.Invitation.Email}; it was also emailed. It works once, until {issued.Invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC:
            {issued.AcceptLink}
            """);
        return 0;
    }

    /// <summary>The options as <c>--name value</c> pairs; null when one has no value or is not known.</summary>
    private static Dictionary<string, string>? Options(IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i += 2)
        {
            if (arguments[i] is not ("--email" or "--name") || i + 1 >= arguments.Count) return null;
            options[arguments[i]] = arguments[i + 1];
        }

        return options;
    }

    private Uri? SiteRoot() =>
        new[] { configuration[PublicAddress.PublicUrlKey], configuration[PublicAddress.IssuerKey] }
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null).FirstOrDefault(u => u is not null) is { } root
            ? new Uri(root.AbsoluteUri.EndsWith('/') ? root.AbsoluteUri : root.AbsoluteUri + "/")
            : null;

    private static async Task<int> FailAsync(int exitCode, string message)
    {
        await Console.Error.WriteLineAsync(message);
        return exitCode;
    }
}
