using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CaraPlatform.Web.Portal.Forms;

/// <summary>
/// GOV.UK Frontend's form components for a <see cref="RequestFormModel"/> page, by the request's JSON path
/// (<c>key</c>): label, hint, error message and field, with the posted value kept and the error summary's link target
/// on the field's first input (<see cref="Id"/>). A page outside a request form names the field itself (<c>name</c>,
/// <c>value</c>, <c>errors</c>).
/// </summary>
public abstract class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    /// <summary>The field's JSON path in the request, e.g. <c>offender.dateOfBirth</c>.</summary>
    public string? Key { get; set; }

    /// <summary>The form field's name, for pages that do not bind a request (filters); defaults to "Input." + key.</summary>
    public string? Name { get; set; }

    /// <summary>The value to show, for pages that do not bind a request; a request form keeps what was posted.</summary>
    public string? Value { get; set; }

    public string? Errors { get; set; }

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    /// <summary>The starting value on a fresh request form.</summary>
    public string Fallback { get; set; } = "";

    /// <summary>Extra classes on the field, e.g. <c>govuk-input--width-10</c>.</summary>
    public string? Classes { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The id of a key's first input: error summaries link to it.</summary>
    public static string Id(string key) => "f-" + key.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);

    protected RequestFormModel? Form => ViewContext.ViewData.Model as RequestFormModel;

    protected string FieldName => Name ?? RequestFormModel.Prefix + Key;

    protected string FieldId => Id(Key ?? Name ?? throw new InvalidOperationException("A field needs a key or a name."));

    protected string CurrentValue(string? suffix = null, string? fallback = null) =>
        Key is not null && Form is { } form ? form.Value(Key + suffix, fallback ?? Fallback) : Value ?? fallback ?? "";

    protected string[] Messages =>
        Key is not null && Form is { } form ? form.ErrorsFor(Key)
        : Errors is { Length: > 0 } e ? [e]
        : ViewContext.ModelState.TryGetValue(FieldName, out var entry) ? [.. entry.Errors.Select(x => x.ErrorMessage)]
        : [];

    /// <summary>What the request sent for a form field, for pages that bind no request (a filter shown again as typed).</summary>
    protected string? Sent(string name) =>
        ViewContext.HttpContext.Request is var r && r.Query.TryGetValue(name, out var q) ? q.ToString()
        : r.HasFormContentType && r.Form.TryGetValue(name, out var f) ? f.ToString()
        : null;

    protected string E(string? text) => encoder.Encode(text ?? "");

    /// <summary>The form group with its label or legend, hint and error message around the control.</summary>
    protected void Group(TagHelperOutput output, string control, bool fieldset = false)
    {
        var id = FieldId;
        var errors = Messages;
        var describedBy = string.Join(' ', new[] { Hint is null ? null : id + "-hint", errors.Length == 0 ? null : id + "-error" }.OfType<string>());
        var hint = Hint is null ? "" : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{E(Hint)}</div>";
        var error = errors.Length == 0 ? ""
            : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {string.Join("<br>", errors.Select(E))}</p>";
        control = control.Replace("{describedby}", describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"", StringComparison.Ordinal)
            .Replace("{error-class}", errors.Length == 0 ? "" : " govuk-input--error", StringComparison.Ordinal);

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (errors.Length == 0 ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(fieldset
            ? $"<fieldset class=\"govuk-fieldset\"{(describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")}>" +
              $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{E(Label)}</legend>{hint}{error}{control}</fieldset>"
            : $"<label class=\"govuk-label\" for=\"{id}\">{E(Label)}</label>{hint}{error}{control}");
    }
}

/// <summary>A text input: <c>&lt;cara-input key="offender.givenName" label="Given name" /&gt;</c>.</summary>
[HtmlTargetElement("cara-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class InputTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public bool Spellcheck { get; set; } = true;

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        Group(output, $"<input class=\"govuk-input{{error-class}} {Classes}\" id=\"{FieldId}\" name=\"{E(FieldName)}\" type=\"{E(Type)}\" " +
            $"value=\"{E(CurrentValue())}\"{(Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"")}" +
            $"{(Spellcheck ? "" : " spellcheck=\"false\"")}{{describedby}}>");
}

[HtmlTargetElement("cara-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TextareaTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    public int Rows { get; set; } = 4;

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        Group(output, $"<textarea class=\"govuk-textarea{(Messages.Length == 0 ? "" : " govuk-textarea--error")} {Classes}\" id=\"{FieldId}\" " +
            $"name=\"{E(FieldName)}\" rows=\"{Rows}\"{{describedby}}>{E(CurrentValue())}</textarea>");
}

/// <summary>A select from (value, text) options, with a "Choose…" first option unless <c>blank</c> is false.</summary>
[HtmlTargetElement("cara-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SelectTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    public IEnumerable<(string Value, string Text)> Options { get; set; } = [];

    public bool Blank { get; set; } = true;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = CurrentValue();
        var options = (Blank ? "<option value=\"\">Choose…</option>" : "") + string.Concat(Options.Select(o =>
            $"<option value=\"{E(o.Value)}\"{(o.Value == current ? " selected" : "")}>{E(o.Text)}</option>"));
        Group(output, $"<select class=\"govuk-select{(Messages.Length == 0 ? "" : " govuk-select--error")} {Classes}\" id=\"{FieldId}\" " +
            $"name=\"{E(FieldName)}\"{{describedby}}>{options}</select>");
    }
}

/// <summary>Radios from (value, text) options; <c>yes-no</c> gives "Yes"/"No" posting true/false, side by side.</summary>
[HtmlTargetElement("cara-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RadiosTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    private static readonly (string, string)[] YesNoOptions = [("true", "Yes"), ("false", "No")];

    public IEnumerable<(string Value, string Text)>? Options { get; set; }

    public bool YesNo { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = CurrentValue();
        var items = (Options ?? (YesNo ? YesNoOptions : [])).Select((o, i) =>
        {
            var id = i == 0 ? FieldId : $"{FieldId}-{i + 1}";
            return $"<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{id}\" name=\"{E(FieldName)}\" type=\"radio\" " +
                   $"value=\"{E(o.Value)}\"{(o.Value == current ? " checked" : "")}><label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{E(o.Text)}</label></div>";
        });
        Group(output, $"<div class=\"govuk-radios{(YesNo ? " govuk-radios--inline" : "")} {Classes}\" data-module=\"govuk-radios\">{string.Concat(items)}</div>", fieldset: true);
    }
}

/// <summary>A single checkbox posting "true" when ticked.</summary>
[HtmlTargetElement("cara-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CheckboxTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = Messages;
        var error = errors.Length == 0 ? "" : $"<p id=\"{FieldId}-error\" class=\"govuk-error-message\">{string.Join("<br>", errors.Select(E))}</p>";
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (errors.Length == 0 ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(
            $"{error}<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\"><div class=\"govuk-checkboxes__item\">" +
            $"<input class=\"govuk-checkboxes__input\" id=\"{FieldId}\" name=\"{E(FieldName)}\" type=\"checkbox\" value=\"true\"" +
            $"{(CurrentValue() == "true" ? " checked" : "")}><label class=\"govuk-label govuk-checkboxes__label\" for=\"{FieldId}\">{E(Label)}</label></div></div>");
    }
}

/// <summary>
/// Checkboxes from (value, text) options, posting each ticked value under the field's name (a list in the request);
/// a form's starting value ticks the values it lists, separated by commas.
/// </summary>
[HtmlTargetElement("cara-checkboxes", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CheckboxesTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    public IEnumerable<(string Value, string Text)> Options { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var ticked = CurrentValue().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var items = Options.Select((o, i) =>
        {
            var id = i == 0 ? FieldId : $"{FieldId}-{i + 1}";
            return $"<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"{id}\" name=\"{E(FieldName)}\" type=\"checkbox\" " +
                   $"value=\"{E(o.Value)}\"{(ticked.Contains(o.Value) ? " checked" : "")}><label class=\"govuk-label govuk-checkboxes__label\" for=\"{id}\">{E(o.Text)}</label></div>";
        });
        Group(output, $"<div class=\"govuk-checkboxes govuk-checkboxes--small {Classes}\" data-module=\"govuk-checkboxes\">{string.Concat(items)}</div>", fieldset: true);
    }
}

/// <summary>
/// A date as day, month and year (the GOV.UK date-input pattern), posted as <c>{name}.day</c>, <c>.month</c> and
/// <c>.year</c> and bound by <see cref="DateInput"/>. The day box carries the field's id, so error links land on it.
/// </summary>
[HtmlTargetElement("cara-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DateTagHelper(HtmlEncoder encoder) : FieldTagHelper(encoder)
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var (day, month, year) = DateInput.Split(DateOnly.TryParse(CurrentValue(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null);
        string[] starts = [day, month, year];
        var boxes = DateInput.Parts.Select((part, i) =>
        {
            var id = i == 0 ? FieldId : $"{FieldId}-{part}";
            var value = Key is not null && Form is not null ? CurrentValue("." + part, starts[i]) : Sent($"{FieldName}.{part}") ?? starts[i];
            var width = part == "year" ? 4 : 2;
            return $"<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"{id}\">" +
                   $"{char.ToUpperInvariant(part[0])}{part[1..]}</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-{width}{{error-class}}\" " +
                   $"id=\"{id}\" name=\"{E(FieldName)}.{part}\" type=\"text\" inputmode=\"numeric\" value=\"{E(value)}\"></div></div>";
        });
        Group(output, $"<div class=\"govuk-date-input\">{string.Concat(boxes)}</div>", fieldset: true);
    }
}
