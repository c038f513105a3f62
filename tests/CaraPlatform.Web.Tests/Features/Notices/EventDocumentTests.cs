using NJsonSchema;

namespace CaraPlatform.Web.Tests.Features.Notices;

/// <summary>The event documents integrators code against, kept honest by validating real payloads against them.</summary>
public sealed class EventDocumentTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Every_payload_in_the_outbox_validates_against_the_served_schema_of_its_type()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Different types, stored and read back through jsonb as the dispatcher sends them.
        await NoticeTests.ReturnedReferralAsync(fixture, "norfolk", clock);
        await NoticeTests.ReturnedReferralAsync(fixture, "norfolk", clock,
            (r, c) => r.ReturnUncontactable("No answer to three calls.", ReferralBuilder.Coordinator, c));
        await NoticeTests.ReturnedReferralAsync(fixture, "norfolk", clock,
            (r, c) => r.Withdraw("The caution was withdrawn.", ReferralBuilder.Coordinator, c));

        var http = fixture.Web.CreateClient();
        var schemas = new Dictionary<string, JsonSchema>();
        var failures = new List<string>();
        var checkedTypes = new HashSet<string>();
        foreach (var slug in NoticeTests.OwnTenants)
        {
            await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(slug), fixture.Web.Services);
            foreach (var notice in await db.PoliceNotices.AsNoTracking().ToListAsync())
            {
                var type = notice.Type.EventName();
                if (!schemas.TryGetValue(type, out var schema))
                    schemas[type] = schema = await JsonSchema.FromJsonAsync(await http.GetStringAsync($"/events/v1/schemas/{type}.json"));
                failures.AddRange(schema.Validate(notice.Payload).Select(e => $"{slug} {notice.Id} ({type}): {e.Path} {e.Kind}"));
                checkedTypes.Add(type);
            }
        }

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string> { "referral.returned-ineligible", "referral.returned-uncontactable", "referral.withdrawal-acknowledged" }, checkedTypes);
    }

    [Fact]
    public async Task The_payload_builder_matches_the_schema_of_every_event_type()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tenant = await fixture.Database.TenantAsync("norfolk");
        var referral = Referral.Receive(ReferralBuilder.Details(tenant.Settings, "NF/0001", clock), tenant.Settings.Condition, ReferralBuilder.Coordinator, clock);
        var http = fixture.Web.CreateClient();
        foreach (var type in Enum.GetValues<PoliceNoticeType>())
        {
            var schema = await JsonSchema.FromJsonAsync(await http.GetStringAsync($"/events/v1/schemas/{type.EventName()}.json"));
            var payload = PoliceNoticePayload.Build(Guid.CreateVersion7(), "norfolk", referral.Facts, new ReferralNotice(type, clock.GetUtcNow(), "Because."));
            Assert.Empty(schema.Validate(payload));
            var workshops = new BookedWorkshops(Guid.CreateVersion7(), clock.GetUtcNow().AddDays(10), clock.GetUtcNow().AddDays(38));
            var withDates = PoliceNoticePayload.Build(Guid.CreateVersion7(), "norfolk", referral.Facts, new ReferralNotice(type, clock.GetUtcNow(), "Because.", workshops));
            Assert.Equal(type == PoliceNoticeType.Booked, schema.Validate(withDates).Count == 0);
            // The schema is strict: a field it does not know is an error, so a new payload field needs a new schema.
            var extended = JsonNode.Parse(payload)!.AsObject();
            extended["victim"] = "never";
            Assert.NotEmpty(schema.Validate(extended.ToJsonString()));
        }
    }

    [Fact]
    public async Task The_AsyncAPI_document_describes_every_event_type_with_its_schema_headers_and_signature()
    {
        var response = await fixture.Web.CreateClient().GetAsync(EventDocuments.AsyncApiPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3.0.0", (string?)document["asyncapi"]);
        Assert.Contains("HMAC-SHA256", (string?)document["info"]!["description"], StringComparison.Ordinal);
        var messages = document["components"]!["messages"]!.AsObject();
        Assert.Equal(Enum.GetValues<PoliceNoticeType>().Select(t => t.EventName()).Order(), messages.Select(m => m.Key).Order());
        var headers = document["components"]!["schemas"]!["WebhookHeaders"]!["required"]!.AsArray().Select(h => (string?)h);
        Assert.Equal(["Content-Type", "Cara-Event-Id", "Cara-Event-Type", "Cara-Timestamp", "Cara-Signature"], headers);
        foreach (var (name, message) in messages)
        {
            var served = JsonNode.Parse(await fixture.Web.CreateClient().GetStringAsync($"/events/v1/schemas/{name}.json"))!.AsObject();
            served.Remove("$schema");
            served.Remove("$id");
            Assert.True(JsonNode.DeepEquals(served, message!["payload"]), $"{name}: the AsyncAPI payload differs from the served schema");
            Assert.Equal($"#/components/messages/{name}", (string?)document["channels"]!["policeNotices"]!["messages"]![name]!["$ref"]);
        }
    }

    [Fact]
    public async Task An_unknown_event_type_has_no_schema()
    {
        var response = await fixture.Web.CreateClient().GetAsync("/events/v1/schemas/referral.unheard-of.json");
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_notice_endpoints_with_summaries()
    {
        var json = JsonDocument.Parse(await fixture.Web.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = json.GetProperty("paths");
        foreach (var (path, method, tag) in new[]
        {
            ("/api/v1/tenants/{tenant}/notices", "get", "Notices"),
            ("/api/v1/tenants/{tenant}/notices/{noticeId}/read", "post", "Notices"),
            ("/api/v1/tenants/{tenant}/notices/{noticeId}/replay", "post", "Webhooks"),
            ("/api/v1/tenants/{tenant}/webhook/deliveries", "get", "Webhooks"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), path);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("description").GetString()), path);
            Assert.Contains(tag, operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
    }
}
