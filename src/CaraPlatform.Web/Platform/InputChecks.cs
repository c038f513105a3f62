using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// Rules every input obeys, whatever the endpoint or page reads it: text holds no control characters (PostgreSQL
/// refuses NUL in text with 22021, and no field of ours has a use for the others), and dates fall within CARA's
/// centuries (at the ends of DateOnly, date arithmetic overflows and the UK time zone has no whole-minute offset).
/// They are checked here, once for JSON bodies, query strings and forms (page dates by the portal's date input binder), so that a new field is covered without
/// anyone remembering to; each refusal is a 400 naming the field. An empty form field binds as the empty string a
/// non-nullable property promises, not as null.
/// </summary>
public static class InputChecks
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    public const string ControlCharacterRule = "must not contain control characters";

    public static readonly string DateRule = $"must be a date from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}";

    // Tab, line feed and carriage return stay allowed: notes and reasons are typed into text areas.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r')), '\u007f']);

    public static bool HasControlCharacters(string? text) => text is not null && text.AsSpan().ContainsAny(ControlCharacters);

    public static bool IsWithinBounds(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static void AddCaraInputChecks(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new PlainTextConverter());
            o.SerializerOptions.Converters.Add(new BoundedDateConverter());
        });
        services.Configure<MvcOptions>(o =>
        {
            o.ModelMetadataDetailsProviders.Add(new EmptyStringsStayEmpty());
        });
    }

    /// <summary>Refuses a query or form value with control characters before anything binds it.</summary>
    public static void UseCaraInputChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var field = FirstWithControlCharacters(request.Query);
        if (field is null && request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException unreadable)
            {
                // ASP.NET Core's form reader refuses an encoded NUL outright, and too many or too long fields.
                await RefuseAsync(context, "body", unreadable.Message);
                return;
            }

            field = FirstWithControlCharacters(form);
        }

        if (field is null) await next(context);
        else await RefuseAsync(context, field, $"'{field}' {ControlCharacterRule}.");
    });

    /// <summary>
    /// An endpoint filter factory for minimal APIs: date parameters (query and route) out of bounds are refused before
    /// the handler runs. Bodies are covered by the JSON converter instead.
    /// </summary>
    public static EndpointFilterDelegate BoundedDateParameters(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        var dates = factory.MethodInfo.GetParameters()
            .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(DateOnly))
            .Select(p => (p.Position, Name: p.Name!))
            .ToArray();
        if (dates.Length == 0) return next;

        return invocation =>
        {
            foreach (var (position, name) in dates)
            {
                if (invocation.Arguments[position] is DateOnly date && !IsWithinBounds(date))
                    return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [$"'{name}' {DateRule}."] }));
            }

            return next(invocation);
        };
    }

    private static string? FirstWithControlCharacters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        values.FirstOrDefault(pair => pair.Value.Any(HasControlCharacters)).Key;

    private static async Task RefuseAsync(HttpContext context, string field, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
            },
        });
    }

    /// <summary>Every JSON string, property values and dictionary keys alike, read as usual but without control characters.</summary>
    private sealed class PlainTextConverter : JsonConverter<string>
    {
        private static readonly JsonConverter<string> Text = (JsonConverter<string>)JsonSerializerOptions.Default.GetConverter(typeof(string));

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(Text.Read(ref reader, typeToConvert, options));

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => Text.Write(writer, value, options);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(Text.ReadAsPropertyName(ref reader, typeToConvert, options))!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            Text.WriteAsPropertyName(writer, value, options);

        private static string? Checked(string? text) => HasControlCharacters(text) ? throw new InputRuleException(ControlCharacterRule) : text;
    }

    /// <summary>Dates in bodies as System.Text.Json reads them (ISO 8601), within the bounds.</summary>
    private sealed class BoundedDateConverter : JsonConverter<DateOnly>
    {
        private static readonly JsonConverter<DateOnly> Iso = (JsonConverter<DateOnly>)JsonSerializerOptions.Default.GetConverter(typeof(DateOnly));

        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var date = Iso.Read(ref reader, typeToConvert, options);
            return IsWithinBounds(date) ? date : throw new InputRuleException(DateRule);
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) => Iso.Write(writer, value, options);
    }
}

/// <summary>
/// MVC binds an empty or blank form field as null, even to a property declared <c>string</c> (not <c>string?</c>)
/// with "" for default; the page then meets a null its types said could not be there. Such properties keep the text.
/// </summary>
internal sealed class EmptyStringsStayEmpty : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key is { MetadataKind: ModelMetadataKind.Property, PropertyInfo: { } property } && property.PropertyType == typeof(string)
            && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.NotNull)
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
    }
}

/// <summary>A JSON value that breaks one of <see cref="InputChecks"/>' rules; System.Text.Json adds the path of the field.</summary>
public sealed class InputRuleException(string rule) : JsonException(rule);
