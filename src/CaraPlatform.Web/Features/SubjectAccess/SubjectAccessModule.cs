using CaraPlatform.Web.Platform.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.SubjectAccess;

/// <summary>
/// The subject-access module (issue 13, part 4): a referral's offender or victim export, as JSON or PDF, composed from
/// every feature's <see cref="ISubjectAccessSource"/>, through the API and the page <c>/t/{tenant}/referrals/{id}/subject-access</c>.
/// </summary>
public static class SubjectAccessModule
{
    /// <summary>Pages for the <see cref="SubjectAccessRoles.Exporters"/>.</summary>
    public const string ExporterPolicy = "SubjectAccessExporter";

    public static void AddSubjectAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SubjectAccessExports>();
        builder.Services.AddAuthorizationBuilder().AddTenantPagePolicy(ExporterPolicy, SubjectAccessRoles.Exporters);
    }

    public static void MapSubjectAccess(this RouteGroupBuilder tenantApi) =>
        tenantApi.MapGet("/referrals/{referralId:guid}/subject-access", Export).WithTags("Subject access")
            .WithName("ExportSubjectAccess").WithSummary("Export everything held about a referral's offender or victim")
            .WithDescription("subject=offender|victim, format=json|pdf. The offender's export never carries the victim's or a third party's " +
                "data, and the victim's never the offender's; each lists what it left out (redactions). Provider admins and data protection " +
                "officers only, never integration clients. Each export is audited.")
            .Produces<SubjectAccessExport>().Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireTenantApiAccess(ApiScopes.TenantAdmin, SubjectAccessRoles.Exporters);

    /// <summary>The subject and the format as a query names them (any case), or a 400 naming the field.</summary>
    public static (DataSubject Subject, ExportFormat Format) Parse(string? subject, string? format)
    {
        var breaches = new List<Domain.Workshops.RuleBreach>();
        if (!Enum.TryParse<DataSubject>(subject, ignoreCase: true, out var parsedSubject) || !Enum.IsDefined(parsedSubject))
            breaches.Add(new("subject", "must be offender or victim"));
        if (!Enum.TryParse<ExportFormat>(format ?? "json", ignoreCase: true, out var parsedFormat) || !Enum.IsDefined(parsedFormat))
            breaches.Add(new("format", "must be json or pdf"));
        return breaches.Count == 0 ? (parsedSubject, parsedFormat) : throw ProblemException.Invalid(breaches);
    }

    /// <param name="referralId">The referral whose offender or victim asked.</param>
    /// <param name="subject">offender or victim.</param>
    /// <param name="format">json (default) or pdf.</param>
    /// <param name="exports">The export's handler.</param>
    /// <param name="user">Caller.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Results<Ok<SubjectAccessExport>, FileContentHttpResult, ProblemHttpResult>> Export(
        Guid referralId, string? subject, string? format, SubjectAccessExports exports, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (dataSubject, exportFormat) = Parse(subject, format);
        if (await exports.ExportAsync(referralId, dataSubject, exportFormat, user, cancellationToken) is not { } export)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Referral not found");
        return exportFormat == ExportFormat.Pdf
            ? TypedResults.File(SubjectAccessPdf.Render(export), "application/pdf", SubjectAccessPdf.FileName(export, exportFormat))
            : TypedResults.Ok(export);
    }
}
