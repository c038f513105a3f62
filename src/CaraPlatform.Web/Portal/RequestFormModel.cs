namespace CaraPlatform.Web.Portal;

/// <summary>
/// A page whose form binds an API request under "Input.": fields are named by the request's JSON paths, so each
/// error the request's validator names (e.g. offender.givenName) lands beside its field.
/// </summary>
public abstract class RequestFormModel : PageModel
{
    public const string Prefix = "Input.";

    /// <summary>Error messages by field (the validator's JSON path); "" for errors of the whole form.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; protected set; } = new Dictionary<string, string[]>();

    /// <summary>The value to show in a field: what was posted, else the form's starting value.</summary>
    public string Value(string key, string fallback = "") =>
        Request.HasFormContentType && Request.Form.TryGetValue(Prefix + key, out var posted) ? posted.ToString()
        : Request.HasFormContentType ? fallback
        : StartingValue(key) ?? fallback;

    public string[] ErrorsFor(string key) => FieldErrors.TryGetValue(key, out var messages) ? messages : [];

    /// <summary>The starting value of a field on a fresh form.</summary>
    protected virtual string? StartingValue(string key) => null;

    /// <summary>
    /// Binding failures and the validator's errors, keyed by field. A field that failed to bind says only why (a date
    /// that is not a real date), not also that it is empty, which is all the validator could see.
    /// </summary>
    protected Dictionary<string, string[]> Collect(FluentValidation.Results.ValidationResult validation)
    {
        // The binders' messages: a date that is not a real date, or the portal's one message for a value that did not convert.
        var errors = ModelState.Where(e => e.Value?.Errors.Count > 0 && e.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(e => Key(e.Key), e => e.Value!.Errors.Select(x => x.ErrorMessage is { Length: > 0 } m ? m : "Enter a valid value.").ToArray(),
                StringComparer.OrdinalIgnoreCase);
        foreach (var group in validation.Errors.GroupBy(e => e.PropertyName, StringComparer.OrdinalIgnoreCase))
            errors.TryAdd(group.Key, [.. group.Select(e => e.ErrorMessage)]);
        return errors;
    }

    /// <summary>"Input.Offender.GivenName" → "offender.givenName", as the validator names fields.</summary>
    private static string Key(string modelStateKey) =>
        string.Join('.', modelStateKey[Prefix.Length..].Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
