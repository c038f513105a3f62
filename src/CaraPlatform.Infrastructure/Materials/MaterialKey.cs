using System.Text.RegularExpressions;

namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// The keys the stores accept: lower-case letters, digits, '-', '_' and '.', in segments separated by '/', none of them
/// "." or "..". A key becomes a path under the filesystem store's root, so nothing else may reach it.
/// </summary>
internal static partial class MaterialKey
{
    public static string New(string extension) => $"{Guid.NewGuid():N}.{extension}";

    public static string Checked(string key) =>
        Shape().IsMatch(key) && key.Split('/').All(segment => segment is not ("." or ".."))
            ? key
            : throw new ArgumentException($"'{key}' is not a material key (lower-case letters, digits, '-', '_', '.' and '/').", nameof(key));

    [GeneratedRegex(@"^[a-z0-9._-]+(/[a-z0-9._-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
