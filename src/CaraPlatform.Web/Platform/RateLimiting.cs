using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Platform;

/// <summary>How many attempts of one kind a client address, and an account, may make in each window.</summary>
public sealed class AttemptLimit
{
    public int PerAddress { get; set; }

    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>How many API requests one caller (an integration client or a person's token) may make in each window.</summary>
public sealed class ApiQuota
{
    public int PerCaller { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>The <c>RateLimits</c> section; production values are in appsettings.json, Development's are generous.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public AttemptLimit Token { get; set; } = new();

    public AttemptLimit SignIn { get; set; } = new();

    public AttemptLimit TwoFactor { get; set; } = new();

    public AttemptLimit InvitationAccept { get; set; } = new();

    public AttemptLimit PasswordChange { get; set; } = new();

    public ApiQuota Api { get; set; } = new();

    internal IEnumerable<AttemptLimit> Attempts => [Token, SignIn, TwoFactor, InvitationAccept, PasswordChange];
}

/// <summary>
/// On the page model where an invitation link lands: its POSTs are credential attempts on the link's token (the route
/// value <c>token</c>), limited by <see cref="RateLimitOptions.InvitationAccept"/> per client address and per invitation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class InvitationAcceptAttemptsAttribute : Attribute;

/// <summary>
/// ASP.NET Core's rate limiter in two places. Credential attempts (tokens, sign-in, its second step, invitation
/// accept, password change) are limited per client address and per account before authentication, because
/// OpenIddict answers a token request with a wrong secret inside the authentication middleware. The API quota is
/// counted per caller after authorization, because only the authorization middleware authenticates the bearer
/// token (the API's scheme is not the default one). Limits are per instance: with several replicas a caller gets
/// up to the limit from each. Refusals are 429 problem details with Retry-After.
/// </summary>
public static class RateLimiting
{
    public static void AddCaraRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.Attempts.All(a => a.PerAddress > 0 && a.PerAccount > 0 && a.Window > TimeSpan.Zero) && o.Api.PerCaller > 0 && o.Api.Window > TimeSpan.Zero,
                $"Every limit and window of {RateLimitOptions.Section} must be set and positive (see appsettings.json).")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
    }

    /// <summary>Before authentication: credential attempts, per address and per account.</summary>
    public static void UseCaraRateLimiting(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        // The limiter's partitions are chosen synchronously: find the attempt and its account first.
        app.Use(async (context, next) =>
        {
            if (await AttemptOfAsync(context, limits) is { } attempt) context.Features.Set(attempt);
            await next(context);
        });
        app.UseRateLimiter(new RateLimiterOptions
        {
            GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.Features.Get<Attempt>() is { } attempt
                    ? Window($"{attempt.Kind} {AddressOf(context)}", attempt.Limit.PerAddress, attempt.Limit.Window)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.Features.Get<Attempt>() is { Account: { } account } attempt
                    ? Window($"{attempt.Kind} {account}", attempt.Limit.PerAccount, attempt.Limit.Window)
                    : RateLimitPartition.GetNoLimiter(""))),
            OnRejected = (rejected, _) => RejectAsync(rejected, rejected.HttpContext.Features.Get<Attempt>()?.Kind ?? "attempt"),
        });
    }

    /// <summary>After authorization: the API quota, per caller.</summary>
    public static void UseCaraApiQuota(this WebApplication app)
    {
        var quota = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Api;
        app.UseRateLimiter(new RateLimiterOptions
        {
            GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api") && context.User.FindFirstValue(Claims.Subject) is { } caller
                    ? Window("api " + caller, quota.PerCaller, quota.Window)
                    : RateLimitPartition.GetNoLimiter("")),
            OnRejected = (rejected, _) => RejectAsync(rejected, "api"),
        });
    }

    /// <summary>A kind of credential attempt, with the account it is made on when the request names one.</summary>
    private sealed record Attempt(string Kind, AttemptLimit Limit, string? Account);

    private static async Task<Attempt?> AttemptOfAsync(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method)) return null;
        if (request.Path.Equals(IdentitySetup.TokenPath, StringComparison.OrdinalIgnoreCase))
            return new Attempt("token", limits.Token, await ClientWithSecretAsync(request));

        var page = context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.ModelTypeInfo?.AsType();
        if (page == typeof(Portal.SignInModel))
        {
            var email = request.HasFormContentType ? (await request.ReadFormAsync(context.RequestAborted))["Email"].ToString().Trim() : "";
            return new Attempt("sign-in", limits.SignIn, email.Length > 0 ? email.ToUpperInvariant() : null);
        }

        if (page == typeof(Portal.SignIn.TwoFactorModel))
        {
            // The password step left the person's id in the two-factor cookie.
            var pending = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
            return new Attempt("two-factor", limits.TwoFactor, pending.Principal?.FindFirstValue(ClaimTypes.Name));
        }

        if (page == typeof(Portal.Account.ChangePasswordModel))
        {
            var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            return new Attempt("password-change", limits.PasswordChange, session.Principal?.FindFirstValue(Claims.Subject));
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<InvitationAcceptAttemptsAttribute>() is not null)
            return new Attempt("invitation-accept", limits.InvitationAccept, context.GetRouteValue("token") as string);
        return null;
    }

    /// <summary>
    /// The client whose secret a token request tries (in the form or HTTP Basic). Public clients send no secret and
    /// are shared by everyone who signs in through them: counting their requests together would let one person
    /// lock out all, and their codes and refresh tokens cannot be guessed anyway.
    /// </summary>
    private static async Task<string?> ClientWithSecretAsync(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter)
        {
            var buffer = new byte[parameter.Length];
            return Convert.TryFromBase64String(parameter, buffer, out var length)
                && Encoding.UTF8.GetString(buffer, 0, length).Split(':', 2) is [var id, _]
                ? Uri.UnescapeDataString(id)
                : null;
        }

        if (!request.HasFormContentType) return null;
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return form.ContainsKey(Parameters.ClientSecret) && form[Parameters.ClientId].ToString() is { Length: > 0 } clientId ? clientId : null;
    }

    /// <summary>The client's address; an IPv6 client by its /64, which is what one household or host is given.</summary>
    private static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, string kind)
    {
        var context = rejected.HttpContext;
        var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests" };
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            problem.Detail = $"Try again in {seconds} seconds.";
        }

        // Neither the address nor the account reaches the log: both are personal data.
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting))
            .LogWarning("Rate limit reached: {Kind}", kind);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
