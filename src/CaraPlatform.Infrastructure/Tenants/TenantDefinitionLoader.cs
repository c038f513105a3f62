using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CaraPlatform.Infrastructure.Tenants;

/// <summary>One broken rule in one tenant file.</summary>
public sealed record TenantDefinitionError(string File, string Path, string Rule)
{
    public override string ToString() => $"{File}: {Path}: {Rule}";
}

/// <summary>Tenant files that must not be applied. The message lists every broken rule, one a line.</summary>
public sealed class TenantDefinitionException(IReadOnlyList<TenantDefinitionError> errors)
    : Exception("Tenant definitions are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<TenantDefinitionError> Errors { get; } = errors;
}

/// <summary>
/// Reads <c>tenants/*.json</c>, checks each against <c>tenant.schema.json</c> and the cross-field rules, and
/// either returns every definition or throws with every error: a half-valid set is never applied.
/// </summary>
public static class TenantDefinitionLoader
{
    public const string SchemaFileName = "tenant.schema.json";

    public static async Task<IReadOnlyList<TenantDefinition>> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var schemaPath = Path.Combine(directory, SchemaFileName);
        if (!File.Exists(schemaPath))
            throw new TenantDefinitionException([new TenantDefinitionError(schemaPath, "$", "schema file not found")]);
        var schema = await JsonSchema.FromFileAsync(schemaPath, cancellationToken);

        var errors = new List<TenantDefinitionError>();
        var definitions = new List<(string File, TenantDefinition Definition)>();
        var files = Directory.GetFiles(directory, "*.json")
            .Where(f => !string.Equals(Path.GetFileName(f), SchemaFileName, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var file = Path.GetFileName(path);
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            var fileErrors = Validate(schema, file, text);
            if (fileErrors.Count == 0 && Deserialize(file, text, fileErrors) is { } definition)
            {
                fileErrors.AddRange(definition.RuleErrors().Select(e => new TenantDefinitionError(file, e.Path, e.Message)));
                if (definition.Slug != Path.GetFileNameWithoutExtension(file))
                    fileErrors.Add(new(file, "$.slug", $"must equal the file name ('{Path.GetFileNameWithoutExtension(file)}')"));
                if (definitions.FirstOrDefault(d => d.Definition.Slug == definition.Slug) is { File: { } other })
                    fileErrors.Add(new(file, "$.slug", $"duplicate slug '{definition.Slug}': also defined in {other}"));
                definitions.Add((file, definition));
            }

            errors.AddRange(fileErrors);
        }

        if (errors.Count > 0) throw new TenantDefinitionException(errors);
        return [.. definitions.Select(d => d.Definition)];
    }

    private static List<TenantDefinitionError> Validate(JsonSchema schema, string file, string text)
    {
        try
        {
            return [.. Flatten(schema.Validate(text)).Select(e => new TenantDefinitionError(file, JsonPath(e), Describe(e)))];
        }
        catch (Newtonsoft.Json.JsonReaderException ex)
        {
            return [new TenantDefinitionError(file, "$." + ex.Path, $"is not valid JSON ({ex.Message})")];
        }
    }

    private static TenantDefinition? Deserialize(string file, string text, List<TenantDefinitionError> errors)
    {
        try
        {
            return JsonSerializer.Deserialize<TenantDefinition>(text, TenantDefinitionJson.Options);
        }
        catch (JsonException ex)
        {
            errors.Add(new(file, ex.Path ?? "$", ex.Message));
            return null;
        }
    }

    /// <summary>Reports the innermost errors: "venues[0] is not valid" helps nobody, "venues[0].capacity must be an integer" does.</summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child && child.Errors.Values.Any(v => v.Count > 0)
            ? Flatten(child.Errors.Values.SelectMany(v => v))
            : [e]);

    private static string JsonPath(ValidationError error)
    {
        var path = (error.Path ?? "#").TrimStart('#').TrimStart('/');
        if (error.Kind == ValidationErrorKind.PropertyRequired && path.EndsWith(error.Property ?? "\0", StringComparison.Ordinal) is false && error.Property is not null)
            path = path.Length == 0 ? error.Property : $"{path}.{error.Property}";
        return path.Length == 0 ? "$" : "$." + path;
    }

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => "is required",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not an allowed property",
        ValidationErrorKind.NotInEnumeration => "is not one of the allowed values" + AllowedValues(error),
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.IntegerExpected => "must be an integer",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.NumberTooBig => $"must be at most {error.Schema?.Maximum}",
        ValidationErrorKind.NumberTooSmall => $"must be at least {error.Schema?.Minimum}",
        ValidationErrorKind.StringTooLong => $"must be at most {error.Schema?.MaxLength} characters",
        ValidationErrorKind.StringTooShort => $"must be at least {error.Schema?.MinLength} characters",
        ValidationErrorKind.PatternMismatch => $"must match the pattern {error.Schema?.Pattern}",
        ValidationErrorKind.TooFewItems => $"must have at least {error.Schema?.MinItems} items",
        ValidationErrorKind.ItemsNotUnique => "must not repeat an item",
        ValidationErrorKind.ExcludedSchemaValidates => error.Schema?.Description ?? "breaks a rule of the schema",
        _ => $"breaks the schema rule {error.Kind}",
    };

    private static string AllowedValues(ValidationError error) =>
        error.Schema?.Enumeration is { Count: > 0 } values ? $": {string.Join(", ", values)}" : string.Empty;
}
