using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Infrastructure.Materials;
using CaraPlatform.Web.Platform.Documents;
using UglyToad.PdfPig.Writer;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>
/// A small catalogue of materials, each file a real PDF made here: the Workshop 1 facilitator manual in its second
/// release (the first superseded), the participant handout in English, Polish and Punjabi, the police briefing and the
/// victim-contact guidance. Every licensed service has acknowledged them, but for the manual's new release, which
/// Hampshire has yet to acknowledge when the demo history is on (its administrator's home shows it).
/// </summary>
internal static class DemoMaterials
{
    private sealed record Demo(string Title, MaterialWorkshop Workshop, MaterialAudience Audience, string Language, int[] PublishedDaysAgo);

    private static readonly Demo[] Catalogue =
    [
        new("Workshop 1 facilitator manual", MaterialWorkshop.Workshop1, MaterialAudience.FacilitatorManual, "en", [120, 10]),
        new("Workshop 2 facilitator manual", MaterialWorkshop.Workshop2, MaterialAudience.FacilitatorManual, "en", [120]),
        new("Session slides", MaterialWorkshop.Both, MaterialAudience.SessionSlides, "en", [120]),
        new("Participant handout", MaterialWorkshop.Workshop1, MaterialAudience.ParticipantHandout, "en", [90]),
        new("Participant handout", MaterialWorkshop.Workshop1, MaterialAudience.ParticipantHandout, "pl", [90]),
        new("Participant handout", MaterialWorkshop.Workshop1, MaterialAudience.ParticipantHandout, "pa", [90]),
        new("Police briefing", MaterialWorkshop.Both, MaterialAudience.PoliceBriefing, "en", [60]),
        new("Victim-contact guidance", MaterialWorkshop.Both, MaterialAudience.VictimContactGuidance, "en", [60]),
    ];

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, bool history, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        if (await db.MaterialItems.AnyAsync(cancellationToken)) return;
        var files = scope.ServiceProvider.GetRequiredService<MaterialFiles>();
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        var licences = await db.Licences.AsNoTracking().ToListAsync(cancellationToken);
        var hampshire = await db.Tenants.AsNoTracking().Where(t => t.Slug == "hampshire").Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        foreach (var demo in Catalogue)
        {
            var item = new MaterialItem { Title = demo.Title, Workshop = demo.Workshop, Audience = demo.Audience, Language = demo.Language };
            db.MaterialItems.Add(item);
            MaterialRelease? earlier = null;
            for (var n = 0; n < demo.PublishedDaysAgo.Length; n++)
            {
                var at = now.AddDays(-demo.PublishedDaysAgo[n]);
                var release = new MaterialRelease
                {
                    ItemId = item.Id,
                    Number = n + 1,
                    ReleaseNotes = n == 0 ? "First release under the current licence terms." : "Revised timings for the second half; new exercise on recognising controlling behaviour.",
                };
                await using (var pdf = new MemoryStream(Pdf(demo, n + 1)))
                    release.AttachFile(await files.SaveAsync(pdf, cancellationToken), $"{demo.Title} ({LanguageNames.English(demo.Language)}) v{n + 1}.pdf");
                release.Publish("Licence admin (demo)", at);
                earlier?.Withdraw($"Superseded by {release.Label}", at);
                db.MaterialReleases.Add(release);
                foreach (var licence in licences.Where(l => l.Covers(demo.Language, today)))
                {
                    var distribution = MaterialDistribution.To(licence.TenantId, release.Id, at);
                    distribution.NotifiedAt = at;
                    var waiting = history && licence.TenantId == hampshire && n == demo.PublishedDaysAgo.Length - 1 && demo.PublishedDaysAgo[n] < MaterialDistribution.DaysToAcknowledge;
                    if (!waiting) distribution.Acknowledge(null, "The service's administrator (demo)", at.AddDays(3));
                    db.MaterialDistributions.Add(distribution);
                }

                earlier = release;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static byte[] Pdf(Demo demo, int number)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"{demo.Title} v{number}";
        var writer = new PdfTextWriter(builder);
        writer.Paragraph($"{demo.Title} ({LanguageNames.English(demo.Language)})", 18, bold: true);
        writer.Paragraph($"Release v{number}. {DemoText(demo.Audience)}", 11);
        writer.Paragraph("Demonstration content made by the platform's demo data; the real materials are the licence holder's.", 11);
        return builder.Build();
    }

    private static string DemoText(MaterialAudience audience) => audience switch
    {
        MaterialAudience.FacilitatorManual => "How to run the workshop: timings, exercises, group agreements and what to do when a participant discloses a risk.",
        MaterialAudience.SessionSlides => "The slides shown to the group in both workshops.",
        MaterialAudience.ParticipantHandout => "What participants take home: the exercises, the support services and the date of the next workshop.",
        MaterialAudience.PoliceBriefing => "For officers: who is eligible, how to refer, and what the condition asks of the person cautioned.",
        _ => "For victim-contact workers: safe contact, what to say about the programme, and how to record the victim's views.",
    };
}
