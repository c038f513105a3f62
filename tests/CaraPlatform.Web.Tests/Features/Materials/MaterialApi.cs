using System.Net.Http.Headers;
using System.Text;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Web.Features.Materials;

namespace CaraPlatform.Web.Tests.Features.Materials;

/// <summary>The licence holder's catalogue over the API, for the materials tests.</summary>
public static class MaterialApi
{
    public const string Url = "/api/v1/national/materials";

    public const string LicenceAdmin = "licence-admin@hamptontrust.demo";

    /// <summary>A small PDF whose bytes differ by <paramref name="text"/>, so each test's file has its own digest.</summary>
    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n{new string('x', 200)}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static Task<HttpResponseMessage> UploadAsync(HttpClient national, Guid itemId, Guid releaseId, byte[] content, string fileName)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return national.PutAsync($"{Url}/{itemId}/releases/{releaseId}/file", body);
    }

    /// <summary>An item with one published release of <paramref name="content"/>.</summary>
    public static async Task<(MaterialItemResponse Item, MaterialReleaseResponse Release)> PublishedAsync(
        HttpClient national, string title, MaterialAudience audience, string language, byte[] content)
    {
        var item = await (await national.PostJson(Url, new CreateMaterialItemRequest(title, null, MaterialWorkshop.Workshop1, audience, language)))
            .ReadAs<MaterialItemResponse>(HttpStatusCode.Created);
        var draft = await (await national.PostJson($"{Url}/{item.Id}/releases", new CreateMaterialReleaseRequest("First release")))
            .ReadAs<MaterialReleaseResponse>(HttpStatusCode.Created);
        var uploaded = await (await UploadAsync(national, item.Id, draft.Id, content, $"{title}.pdf")).ReadAs<MaterialReleaseResponse>();
        var published = await (await national.PostJson($"{Url}/{item.Id}/releases/{draft.Id}/publish", new PublishMaterialReleaseRequest(null, uploaded.Version)))
            .ReadAs<MaterialReleaseResponse>();
        return (item, published);
    }

    /// <summary>Out of force again, so that no other test's tenant is held up by a release it never saw.</summary>
    public static async Task WithdrawAsync(HttpClient national, MaterialReleaseResponse release)
    {
        var current = (await (await national.GetAsync($"{Url}/{release.ItemId}")).ReadAs<MaterialItemResponse>()).Releases.Single(r => r.Id == release.Id);
        if (current.Status != MaterialReleaseStatus.Published) return;
        (await national.PostJson($"{Url}/{release.ItemId}/releases/{release.Id}/withdraw", new WithdrawMaterialReleaseRequest("End of the test", current.Version)))
            .EnsureSuccessStatusCode();
    }
}
