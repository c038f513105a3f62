using System.Text.Json.Nodes;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// What integrators need to receive police notices: a JSON Schema (draft-07) per event type and an AsyncAPI 3.0
/// document for the webhook. Built from the same enums as <see cref="PoliceNoticePayload"/>, and a test validates
/// real payloads against the schemas, so the documents cannot drift from what is sent.
/// </summary>
public static class EventDocuments
{
    public const string AsyncApiPath = "/events/v1/asyncapi.json";
    public const string SchemaPathTemplate = "/events/v1/schemas/{eventType}.json";

    /// <summary>Types whose payload always carries a reason: the police act on it.</summary>
    private static readonly PoliceNoticeType[] ReasonRequired =
        [PoliceNoticeType.ReturnedIneligible, PoliceNoticeType.ReturnedUncontactable, PoliceNoticeType.NonCompliant];

    public static IReadOnlyList<PoliceNoticeType> EventTypes { get; } = Enum.GetValues<PoliceNoticeType>();

    public static string SchemaPath(PoliceNoticeType type) => $"/events/v1/schemas/{type.EventName()}.json";

    public static void MapEventDocuments(this IEndpointRouteBuilder app)
    {
        // Documentation, like swagger.json: public, and not part of the API it describes.
        app.MapGet(AsyncApiPath, () => Results.Text(AsyncApi().ToJsonString(), "application/json"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(SchemaPathTemplate, (string eventType) =>
                EventTypes.Where(t => t.EventName() == eventType).Select(t => (PoliceNoticeType?)t).FirstOrDefault() is { } type
                    ? Results.Text(Schema(type).ToJsonString(), "application/schema+json")
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such event type",
                        detail: $"Event types: {string.Join(", ", EventTypes.Select(t => t.EventName()))}."))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The JSON Schema of one event type's payload, version 1.</summary>
    public static JsonObject Schema(PoliceNoticeType type)
    {
        var reasonRequired = ReasonRequired.Contains(type);
        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = SchemaPath(type),
            ["title"] = $"{type.EventName()} (v{PoliceNoticePayload.SchemaVersion})",
            ["description"] = $"{type.Title()}. The body of the webhook POST; eventId equals the Cara-Event-Id header and stays the same on every retry and replay.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("eventId", "type", "schemaVersion", "occurredAt", "tenant", "referral", "reason"),
            ["properties"] = new JsonObject
            {
                ["eventId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "Deduplicate on this." },
                ["type"] = new JsonObject { ["const"] = type.EventName() },
                ["schemaVersion"] = new JsonObject { ["const"] = PoliceNoticePayload.SchemaVersion },
                ["occurredAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = "When the change happened (UTC)." },
                ["tenant"] = new JsonObject { ["type"] = "string", ["description"] = "The CARA service's slug, as in the API's {tenant}." },
                ["referral"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("id", "policeReference", "forceCode", "status", "cautionDate", "conditionDeadline"),
                    ["properties"] = new JsonObject
                    {
                        ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                        ["policeReference"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = Referral.PoliceReferenceMaxLength },
                        ["forceCode"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                        ["status"] = new JsonObject { ["enum"] = new JsonArray([.. Enum.GetNames<ReferralStatus>().Select(n => (JsonNode?)n)]) },
                        ["cautionDate"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
                        ["conditionDeadline"] = new JsonObject { ["type"] = "string", ["format"] = "date" },
                    },
                },
                ["workshops"] = type == PoliceNoticeType.Booked
                    ? new JsonObject
                    {
                        ["type"] = new JsonArray("object", "null"),
                        ["description"] = "When Workshop 1 and Workshop 2 start (UTC), when the booking names them.",
                        ["additionalProperties"] = false,
                        ["required"] = new JsonArray("workshop1StartsAt", "workshop2StartsAt"),
                        ["properties"] = new JsonObject
                        {
                            ["workshop1StartsAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                            ["workshop2StartsAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                        },
                    }
                    : new JsonObject { ["type"] = "null", ["description"] = "Only referral.booked carries workshop dates." },
                ["reason"] = reasonRequired
                    ? new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = "Why: the police act on it." }
                    : new JsonObject { ["type"] = new JsonArray("string", "null"), ["description"] = "An explanation, when there is one." },
            },
        };
    }

    /// <summary>The AsyncAPI 3.0 document of the webhook: one channel, one message per event type, headers and signature.</summary>
    public static JsonObject AsyncApi()
    {
        var messages = new JsonObject();
        var messageRefs = new JsonObject();
        var operationMessages = new JsonArray();
        foreach (var type in EventTypes)
        {
            var name = type.EventName();
            var payload = Schema(type);
            payload.Remove("$schema");
            payload.Remove("$id");
            messages[name] = new JsonObject
            {
                ["name"] = name,
                ["title"] = type.Title(),
                ["summary"] = $"{type.Title()}. JSON Schema: {SchemaPath(type)}",
                ["contentType"] = "application/json",
                ["headers"] = new JsonObject { ["$ref"] = "#/components/schemas/WebhookHeaders" },
                ["payload"] = payload,
            };
            messageRefs[name] = new JsonObject { ["$ref"] = $"#/components/messages/{name}" };
            operationMessages.Add(new JsonObject { ["$ref"] = $"#/channels/policeNotices/messages/{name}" });
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "CARA Platform police notices",
                ["version"] = $"{PoliceNoticePayload.SchemaVersion}.0.0",
                ["description"] = """
                    What a CARA service tells the police about their referrals, posted to the tenant's webhook (the URL in its tenant file) as it happens; the same notices appear in the SPOC inbox (GET /api/v1/tenants/{tenant}/notices).

                    Delivery: one HTTPS POST per event, body application/json exactly as the schema of its type says. A 2xx answer means delivered; anything else, or no answer within 10 s, is retried with exponential backoff (10 s doubling, at most 15 min apart, 8 attempts by default), after which the tenant's ProviderAdmin sees it as Failed and may replay it. Delivery is at least once: a retry or replay sends the same eventId (header Cara-Event-Id), so deduplicate on it.

                    Signature (scheme v1): Cara-Signature is "v1=" followed by the lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes of the tenant's signing secret, of the UTF-8 bytes of "{Cara-Timestamp}.{body}" (the timestamp header's value, a full stop, the raw body). Verify before parsing, compare in constant time, and refuse a Cara-Timestamp more than 5 minutes from your clock. During a secret rotation the header may hold several comma-separated signatures; one valid signature is enough. The secret is agreed with the provider out of band and never appears in any document.
                    """,
            },
            ["defaultContentType"] = "application/json",
            ["channels"] = new JsonObject
            {
                ["policeNotices"] = new JsonObject
                {
                    // The receiver's URL is per tenant (its tenant file), so the channel has no fixed address.
                    ["address"] = null,
                    ["title"] = "The tenant's webhook",
                    ["description"] = "The https URL set in the tenant file's notifications.webhook.url.",
                    ["messages"] = messageRefs,
                },
            },
            ["operations"] = new JsonObject
            {
                ["sendPoliceNotice"] = new JsonObject
                {
                    ["action"] = "send",
                    ["title"] = "Post a police notice to the webhook",
                    ["channel"] = new JsonObject { ["$ref"] = "#/channels/policeNotices" },
                    ["messages"] = operationMessages,
                    ["bindings"] = new JsonObject { ["http"] = new JsonObject { ["method"] = "POST", ["bindingVersion"] = "0.3.0" } },
                },
            },
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = new JsonObject
                {
                    ["WebhookHeaders"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray(
                            "Content-Type", WebhookSignature.EventIdHeader, WebhookSignature.EventTypeHeader,
                            WebhookSignature.TimestampHeader, WebhookSignature.SignatureHeader),
                        ["properties"] = new JsonObject
                        {
                            ["Content-Type"] = new JsonObject { ["const"] = "application/json" },
                            [WebhookSignature.EventIdHeader] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "The event id; equals eventId in the body." },
                            [WebhookSignature.EventTypeHeader] = new JsonObject
                            {
                                ["enum"] = new JsonArray([.. EventTypes.Select(t => (JsonNode?)t.EventName())]),
                                ["description"] = "The event type; equals type in the body.",
                            },
                            [WebhookSignature.TimestampHeader] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]+$", ["description"] = "Unix seconds when this attempt was sent." },
                            [WebhookSignature.SignatureHeader] = new JsonObject
                            {
                                ["type"] = "string",
                                ["pattern"] = "^v1=[0-9a-f]{64}(, *v1=[0-9a-f]{64})*$",
                                ["description"] = "v1=hex(HMAC-SHA256(secret, \"{Cara-Timestamp}.{body}\")).",
                            },
                        },
                    },
                },
            },
        };
    }
}
