using System.Security.Cryptography;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// The key of the national pseudonyms (<see cref="Setting"/>, base64 of at least 32 bytes), held outside the database so
/// that whoever reads the national schema cannot recompute a pseudonym from a guessed name and date of birth. Required
/// outside Development (<see cref="RequiredSettings"/>); Development makes one on first run and keeps it under
/// <c>.cara/national/</c>, as it does its other secrets.
/// </summary>
public static class PseudonymKey
{
    public const string Setting = "National:PseudonymKey";

    /// <summary>HMAC-SHA256 is only as strong as its key: no shorter than its own output.</summary>
    public const int MinimumBytes = 32;

    /// <summary>What is wrong with the configured key, or null when it is usable.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Setting] is not { Length: > 0 } configured
            ? $"{Setting} is not set: the base64 key (at least {MinimumBytes} bytes) of the national read model's pseudonyms."
            : Decode(configured) is null ? $"{Setting} must be base64 of at least {MinimumBytes} bytes." : null;
    }

    /// <summary>The configured key; in Development without one, the key made on first run.</summary>
    public static byte[] Load(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (configuration[Setting] is { Length: > 0 } configured)
            return Decode(configured) ?? throw new InvalidOperationException(Problem(configuration));
        if (!environment.IsDevelopment()) throw new InvalidOperationException(Problem(configuration));

        var path = Path.Combine(HostCommands.DevelopmentFolder(environment, "national"), "pseudonym-key");
        if (File.Exists(path) && Decode(File.ReadAllText(path).Trim()) is { } existing) return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(MinimumBytes);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    private static byte[]? Decode(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= MinimumBytes ? bytes[..length] : null;
    }
}
