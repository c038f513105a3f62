using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CaraPlatform.Web.Portal.Forms;

/// <summary>
/// The GOV.UK error summary at the top of a page: each message links to its field's first input
/// (<see cref="FieldTagHelper.Id"/>); messages about the whole form are listed without a link. Shows nothing when there
/// is no error. On a <see cref="RequestFormModel"/> page the errors are its field errors, elsewhere the model state's.
/// Content inside the tag (e.g. a link to a duplicate) is shown above the list.
/// </summary>
[HtmlTargetElement("cara-error-summary")]
public sealed class ErrorSummaryTagHelper(HtmlEncoder encoder) : TagHelper
{
    public string Title { get; set; } = "There is a problem";

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ViewData.Model is RequestFormModel form
            ? form.FieldErrors.SelectMany(f => f.Value.Select(m => (Key: f.Key, Message: m)))
            : ViewContext.ModelState.Where(e => e.Value is { Errors.Count: > 0 })
                .SelectMany(e => e.Value!.Errors.Select(x => (Key: e.Key, Message: x.ErrorMessage)));
        var items = errors.Select(e => e.Key.Length == 0
            ? $"<li>{encoder.Encode(e.Message)}</li>"
            : $"<li><a href=\"#{FieldTagHelper.Id(e.Key)}\">{encoder.Encode(e.Message)}</a></li>").ToList();
        if (items.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        var extra = (await output.GetChildContentAsync()).GetContent();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        output.Content.SetHtmlContent(
            $"<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">{encoder.Encode(Title)}</h2><div class=\"govuk-error-summary__body\">" +
            $"{extra}<ul class=\"govuk-list govuk-error-summary__list\">{string.Concat(items)}</ul></div></div>");
    }
}
