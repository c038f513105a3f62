using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace CaraPlatform.Web.Portal.Forms;

/// <summary>
/// The GOV.UK date-input pattern: a date typed as day, month and year in three boxes, posted as
/// <c>{name}.day</c>, <c>{name}.month</c> and <c>{name}.year</c>. Messages follow the pattern's wording and are shown
/// at the field.
/// </summary>
public static class DateInput
{
    public static readonly string[] Parts = ["day", "month", "year"];

    /// <summary>The date the three boxes hold, null when all are empty, or the message saying what is wrong.</summary>
    public static (DateOnly? Date, string? Error) Parse(string? day, string? month, string? year)
    {
        string[] values = [(day ?? "").Trim(), (month ?? "").Trim(), (year ?? "").Trim()];
        if (values.All(v => v.Length == 0)) return (null, null);
        var missing = Parts.Where((_, i) => values[i].Length == 0).ToList();
        if (missing.Count > 0) return (null, $"Date must include a {string.Join(" and ", missing)}");
        if (!values.All(v => v.All(char.IsAsciiDigit))) return (null, "Date must be a real date, in numbers, for example 27 3 1990");
        if (values[2].Length != 4) return (null, "Year must include 4 numbers");

        var (d, m, y) = (int.Parse(values[0], CultureInfo.InvariantCulture), int.Parse(values[1], CultureInfo.InvariantCulture),
            int.Parse(values[2], CultureInfo.InvariantCulture));
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y < 1 ? 1 : y, m)) return (null, "Date must be a real date");
        var date = new DateOnly(y, m, d);
        return InputChecks.IsWithinBounds(date) ? (date, null) : (null, $"Date {InputChecks.DateRule}");
    }

    /// <summary>The three boxes' values for a date (day and month without leading zeros, as people write them).</summary>
    public static (string Day, string Month, string Year) Split(DateOnly? date) =>
        date is { } d ? (d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture))
            : ("", "", "");

    /// <summary>
    /// Binds a page's dates (form fields and query filters): from the three boxes when they were posted, otherwise as
    /// a single ISO value (links and scripts); either way within <see cref="InputChecks"/>' bounds, or a model error
    /// on the field.
    /// </summary>
    internal sealed class BinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(DateOnly)
                ? new Binder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
    }

    private sealed class Binder(IModelBinder single) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            var name = context.ModelName;
            var boxes = Parts.Select(p => context.ValueProvider.GetValue($"{name}.{p}")).ToArray();
            if (boxes.All(b => b == ValueProviderResult.None))
            {
                await single.BindModelAsync(context);
                if (context.Result.Model is DateOnly date && !InputChecks.IsWithinBounds(date))
                    Fail(context, $"'{name}' {InputChecks.DateRule}.");
                return;
            }

            var (parsed, error) = Parse(boxes[0].FirstValue, boxes[1].FirstValue, boxes[2].FirstValue);
            if (error is not null) Fail(context, error);
            else if (parsed is null && !context.ModelMetadata.IsReferenceOrNullableType) context.Result = ModelBindingResult.Failed();
            else context.Result = ModelBindingResult.Success(parsed);
        }

        private static void Fail(ModelBindingContext context, string message)
        {
            context.ModelState.TryAddModelError(context.ModelName, message);
            context.Result = ModelBindingResult.Failed();
        }
    }
}
