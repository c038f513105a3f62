using System.Net.Http.Headers;
using System.Security.Cryptography;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Infrastructure.Materials;
using CaraPlatform.Web.Features.Materials;
using static CaraPlatform.Web.Tests.Features.Materials.MaterialApi;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.Materials;

public sealed class MaterialDistributionTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = PostgresFixture.MaterialsTenant;

    [Fact]
    public async Task A_tenant_not_licensed_for_Punjabi_gets_404_for_the_Punjabi_handout_and_the_English_one_whole_and_by_range_with_its_digest()
    {
        var national = await fixture.PersonApiAsync(LicenceAdmin);
        var englishBytes = Pdf("English handout " + Guid.NewGuid());
        var (english, englishRelease) = await PublishedAsync(national, "Handout (en) " + Guid.NewGuid().ToString("N")[..6], MaterialAudience.ParticipantHandout, "en", englishBytes);
        var (punjabi, punjabiRelease) = await PublishedAsync(national, "Handout (pa) " + Guid.NewGuid().ToString("N")[..6], MaterialAudience.ParticipantHandout, "pa", Pdf("ਪੰਜਾਬੀ"));
        try
        {
            // Hampshire's licence covers English only; West Midlands' covers Punjabi too.
            var hampshire = await fixture.PersonApiAsync("coordinator@hampshire.demo");
            var listed = await (await hampshire.GetAsync("/api/v1/tenants/hampshire/materials")).ReadAs<List<TenantMaterialResponse>>();
            Assert.Contains(listed, m => m.ReleaseId == englishRelease.Id);
            Assert.DoesNotContain(listed, m => m.ItemId == punjabi.Id);
            await (await hampshire.GetAsync($"/api/v1/tenants/hampshire/materials/{punjabiRelease.Id}/file")).ProblemAsync(HttpStatusCode.NotFound);

            var whole = await hampshire.GetAsync($"/api/v1/tenants/hampshire/materials/{englishRelease.Id}/file");
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            var bytes = await whole.Content.ReadAsByteArrayAsync();
            var sha256 = SHA256.HashData(bytes);
            Assert.Equal(englishBytes, bytes);
            Assert.Equal($"\"{Convert.ToHexStringLower(sha256)}\"", whole.Headers.ETag!.Tag);
            Assert.False(whole.Headers.ETag.IsWeak);
            Assert.Equal($"sha-256=:{Convert.ToBase64String(sha256)}:", Assert.Single(whole.Headers.GetValues(MaterialDownloads.ReprDigestHeader)));
            Assert.Equal("application/pdf", whole.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", whole.Content.Headers.ContentDisposition!.DispositionType);
            Assert.EndsWith(".pdf", whole.Content.Headers.ContentDisposition.FileNameStar ?? whole.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
            Assert.Equal("bytes", Assert.Single(whole.Headers.AcceptRanges));

            using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/hampshire/materials/{englishRelease.Id}/file");
            ranged.Headers.Range = new RangeHeaderValue(10, 29);
            var part = await hampshire.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(englishBytes[10..30], await part.Content.ReadAsByteArrayAsync());
            Assert.Equal((10L, 29L, (long)englishBytes.Length), (part.Content.Headers.ContentRange!.From!.Value, part.Content.Headers.ContentRange.To!.Value, part.Content.Headers.ContentRange.Length!.Value));
            Assert.Equal(whole.Headers.ETag, part.Headers.ETag);

            var westMidlands = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, "west-midlands", TenantRole.Coordinator)).Email);
            Assert.Equal(HttpStatusCode.OK, (await westMidlands.GetAsync($"/api/v1/tenants/west-midlands/materials/{punjabiRelease.Id}/file")).StatusCode);

            // Each download is logged with the person, the tenant, the item and the release.
            var downloads = await (await national.GetAsync($"{Url}/{english.Id}/releases/{englishRelease.Id}/downloads")).ReadAs<List<MaterialDownloadResponse>>();
            Assert.Equal(2, downloads.Count(d => d.Tenant == "hampshire" && d.ReleaseNumber == 1));
            await using var owner = fixture.Database.SuperuserContext();
            var coordinator = await owner.Users.SingleAsync(u => u.Email == "coordinator@hampshire.demo");
            var hampshireId = (await owner.Tenants.SingleAsync(t => t.Slug == "hampshire")).Id;
            Assert.Equal(2, await owner.MaterialDownloads.CountAsync(d =>
                d.ReleaseId == englishRelease.Id && d.ItemId == english.Id && d.TenantId == hampshireId && d.By == coordinator.Id.ToString()));
            Assert.Equal(1, await owner.MaterialDownloads.CountAsync(d => d.ReleaseId == punjabiRelease.Id));
        }
        finally
        {
            await WithdrawAsync(national, englishRelease);
            await WithdrawAsync(national, punjabiRelease);
        }
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_and_a_file_altered_in_storage_is_refused_on_read()
    {
        var national = await fixture.PersonApiAsync(LicenceAdmin);
        var item = await (await national.PostJson(Url, new CreateMaterialItemRequest("Facilitator manual " + Guid.NewGuid().ToString("N")[..6], null,
            MaterialWorkshop.Both, MaterialAudience.FacilitatorManual, "cy"))).ReadAs<MaterialItemResponse>(HttpStatusCode.Created);
        var draft = await (await national.PostJson($"{Url}/{item.Id}/releases", new CreateMaterialReleaseRequest("Draft")))
            .ReadAs<MaterialReleaseResponse>(HttpStatusCode.Created);

        byte[] executable = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. new byte[200]];
        var refused = await (await UploadAsync(national, item.Id, draft.Id, executable, "manual.pdf")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("file", refused.Errors().Keys);
        Assert.Null((await (await national.GetAsync($"{Url}/{item.Id}")).ReadAs<MaterialItemResponse>()).Releases.Single().File);

        var content = Pdf("manual " + Guid.NewGuid());
        var uploaded = await (await UploadAsync(national, item.Id, draft.Id, content, "manual.pdf")).ReadAs<MaterialReleaseResponse>();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), uploaded.File!.Sha256);
        Assert.Equal((content.Length, "application/pdf", "manual.pdf"), (uploaded.File.Size, uploaded.File.ContentType, uploaded.File.FileName));
        var fileUrl = $"{Url}/{item.Id}/releases/{draft.Id}/file";
        Assert.Equal(content, await (await national.GetAsync(fileUrl)).Content.ReadAsByteArrayAsync());

        // Someone with access to the storage changes one byte: the file no longer matches its recorded SHA-256.
        await using (var owner = fixture.Database.SuperuserContext())
        {
            var stored = (await owner.MaterialReleases.SingleAsync(r => r.Id == draft.Id)).File!;
            var store = fixture.Web.Services.GetRequiredService<IMaterialStore>();
            var altered = content.ToArray();
            altered[^10] ^= 0x20;
            await store.PutAsync(stored.Key, new MemoryStream(altered), altered.Length, CancellationToken.None);
        }

        var damaged = await national.GetAsync(fileUrl);
        var problem = await damaged.ProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("The stored file failed its integrity check", problem.GetProperty("title").GetString());
        Assert.Equal("application/problem+json", damaged.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_tenant_that_leaves_a_release_unacknowledged_for_31_days_cannot_schedule_until_it_acknowledges_and_its_runs_record_the_release()
    {
        using var host = new FakeClockHost(fixture);
        await fixture.ApiClientAsync(Tenant);
        var providerAdmin = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var national = await host.PersonAsync(LicenceAdmin);
        var (item, release) = await PublishedAsync(national, "Session slides " + Guid.NewGuid().ToString("N")[..6], MaterialAudience.SessionSlides, "en", Pdf("slides"));
        try
        {
            // The ProviderAdmins were emailed at once.
            Assert.Contains(item.Title, TestPeople.MailTo(fixture, providerAdmin.Email), StringComparison.Ordinal);
            var distribution = (await (await national.GetAsync($"{Url}/{item.Id}/releases/{release.Id}/distribution")).ReadAs<List<MaterialDistributionResponse>>())
                .Single(d => d.Tenant == Tenant);
            var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
            Assert.Equal((today.AddDays(MaterialDistribution.DaysToAcknowledge), false, (DateTimeOffset?)null), (distribution.AcknowledgeBy, distribution.Overdue, distribution.AcknowledgedAt));

            host.Clock.Advance(TimeSpan.FromDays(31));
            today = UkCalendar.DateOf(host.Clock.GetUtcNow());
            var planner = await host.ClientAsync(Tenant);
            var venue = (await (await planner.GetAsync($"/api/v1/tenants/{Tenant}/venues")).ReadAs<List<VenueResponse>>())[0];
            var request = new ScheduleRunRequest(Cohort.IpvMale, "en", new SessionDto(today.AddDays(7), null, null), new SessionDto(today.AddDays(35), null, null),
                WorkshopDelivery.Venue, venue.Id, null, 10, [f1.UserId, f2.UserId]);
            var blocked = await (await planner.PostJson(Runs(Tenant), request)).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("materials", blocked.GetProperty("field").GetString());
            Assert.Contains($"{item.Title} (English) v1", blocked.GetProperty("title").GetString(), StringComparison.Ordinal);

            var admin = await host.PersonAsync(providerAdmin.Email);
            var acknowledged = await (await admin.PostAsync($"/api/v1/tenants/{Tenant}/materials/{release.Id}/acknowledge", null)).ReadAs<TenantMaterialResponse>();
            Assert.NotNull(acknowledged.AcknowledgedAt);
            await (await admin.PostAsync($"/api/v1/tenants/{Tenant}/materials/{release.Id}/acknowledge", null)).ProblemAsync(HttpStatusCode.Conflict);
            var run = await (await planner.PostJson(Runs(Tenant), request)).ReadAs<RunResponse>(HttpStatusCode.Created);

            // The run records the release in force when its Workshop 1 register is recorded.
            var referral = await EligibleAsync(planner, Tenant);
            await BookAsync(planner, Tenant, run, referral);
            host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(30));
            (await RegisterAsync(await host.PersonAsync(f1.Email), Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended)))
                .EnsureSuccessStatusCode();
            national = await host.PersonAsync(LicenceAdmin);
            distribution = (await (await national.GetAsync($"{Url}/{item.Id}/releases/{release.Id}/distribution")).ReadAs<List<MaterialDistributionResponse>>())
                .Single(d => d.Tenant == Tenant);
            Assert.Equal((1, false), (distribution.RunsReceived, distribution.Overdue));
            Assert.Equal("Test person", distribution.AcknowledgedBy);
        }
        finally
        {
            // On the real clock: the moved one has long expired the token above.
            await WithdrawAsync(await fixture.PersonApiAsync(LicenceAdmin), release);
        }
    }

    [Fact]
    public async Task Only_the_licence_admin_changes_the_catalogue_and_only_the_service_s_staff_read_its_materials()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        Assert.Equal(HttpStatusCode.OK, (await trainer.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trainer.PostJson(Url, new CreateMaterialItemRequest("x", null, MaterialWorkshop.Both, MaterialAudience.PoliceBriefing, "en"))).StatusCode);
        var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(Url)).StatusCode);
        var national = await fixture.PersonApiAsync(LicenceAdmin);
        var invalid = await (await national.PostJson(Url, new CreateMaterialItemRequest("", null, null, MaterialAudience.PoliceBriefing, "English")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["language", "title", "workshop"], invalid.Errors().Keys.Order(StringComparer.Ordinal));

        var (_, briefing) = await PublishedAsync(national, "Police briefing " + Guid.NewGuid().ToString("N")[..6], MaterialAudience.PoliceBriefing, "en", Pdf("briefing"));
        var (_, guidance) = await PublishedAsync(national, "Victim-contact guidance " + Guid.NewGuid().ToString("N")[..6], MaterialAudience.VictimContactGuidance, "en", Pdf("guidance"));
        try
        {
            // The audience says who an item is written for; every member of the service's staff reads it.
            var spoc = await fixture.PersonApiAsync("spoc@hampshire.demo");
            var seen = (await (await spoc.GetAsync("/api/v1/tenants/hampshire/materials")).ReadAs<List<TenantMaterialResponse>>()).Select(m => m.ReleaseId).ToList();
            Assert.Contains(briefing.Id, seen);
            Assert.Contains(guidance.Id, seen);
            var worker = await fixture.PersonApiAsync("victim-contact@hampshire.demo");
            Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/v1/tenants/hampshire/materials/{guidance.Id}/file")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync($"/api/v1/tenants/hampshire/materials/{guidance.Id}/acknowledge", null)).StatusCode);
            var dpo = await fixture.PersonApiAsync("dpo@hampshire.demo");
            Assert.Equal(HttpStatusCode.Forbidden, (await dpo.GetAsync($"/api/v1/tenants/hampshire/materials/{guidance.Id}/file")).StatusCode);
            var otherTenant = await fixture.PersonApiAsync("coordinator@west-yorkshire.demo");
            Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"/api/v1/tenants/hampshire/materials/{briefing.Id}/file")).StatusCode);
        }
        finally
        {
            await WithdrawAsync(national, briefing);
            await WithdrawAsync(national, guidance);
        }
    }
}
