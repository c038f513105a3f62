using CaraPlatform.Domain.Materials;
using CaraPlatform.Infrastructure.Materials;
using Microsoft.Net.Http.Headers;

namespace CaraPlatform.Web.Features.Materials;

/// <summary>
/// Serves a release's file: checked against its SHA-256 before a byte goes (a damaged file is refused, never served),
/// logged (person, tenant, item, release), streamed with Range support, and labelled with its digest both as the strong
/// ETag (hex) and as <c>Repr-Digest</c> (RFC 9530), so the receiver can check what it got.
/// </summary>
public sealed partial class MaterialDownloads(CaraDbContext db, MaterialFiles files, Actors actors, TimeProvider clock, ILogger<MaterialDownloads> logger)
{
    public const string ReprDigestHeader = "Repr-Digest";

    /// <param name="item">The release's item.</param>
    /// <param name="release">The release whose file goes.</param>
    /// <param name="tenantId">The tenant it goes to; null for the licence holder's own staff.</param>
    /// <param name="caller">Who downloads it.</param>
    /// <param name="response">Where the digest header is set.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    public async Task<IResult> ServeAsync(
        MaterialItem item, MaterialRelease release, Guid? tenantId, ClaimsPrincipal caller, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(response);
        if (release.File is not { } file) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The release has no file yet");
        Stream content;
        try
        {
            content = await files.OpenVerifiedAsync(file, cancellationToken);
        }
        catch (Exception refused) when (refused is MaterialFileCorruptException or MaterialNotFoundException)
        {
            LogCorrupt(release.Id, file.Key);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The stored file failed its integrity check",
                detail: "Its bytes are missing or no longer match the SHA-256 recorded when it was uploaded, so it was not served. The service's log " +
                    "names the file; the licence holder uploads the release's file again.");
        }

        var actor = await actors.OfAsync(caller);
        db.MaterialDownloads.Add(new MaterialDownload
        {
            At = clock.GetUtcNow(),
            ItemId = item.Id,
            ReleaseId = release.Id,
            ReleaseNumber = release.Number,
            TenantId = tenantId,
            By = actor.Id == Guid.Empty ? actor.Name : actor.Id.ToString(),
            ByName = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);

        response.Headers[ReprDigestHeader] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(file.Sha256))}:";
        return TypedResults.Stream(content, file.ContentType, release.FileName ?? $"{item.Title}.{file.Extension}",
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }

    [LoggerMessage(LogLevel.Error, "Material release {ReleaseId}: the stored file {Key} is missing or does not match its SHA-256; it was not served")]
    private partial void LogCorrupt(Guid releaseId, string key);
}
