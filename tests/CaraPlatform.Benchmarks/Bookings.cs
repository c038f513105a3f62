using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// Booking is where concurrency bites: <see cref="Clients"/> clients, each on its own connection, book their own eligible
/// referral onto one new run of <see cref="Seats"/> seats at the same moment. The capacity rule must hold (exactly that
/// many bookings, the rest 409) with no 5xx; the latencies are those of the burst.
/// </summary>
internal static class Bookings
{
    public const int Clients = 30;

    public const int Seats = 12;

    public static async Task<ScenarioResult> RunAsync(BenchOptions options, string tenant, string token, Func<string, string> newReferral)
    {
        using var api = BenchHttp.Client(options, token);
        var runs = $"/api/v1/tenants/{tenant}/runs";

        // Facilitators of the demo's own runs (trained and competent); a remote run needs no venue.
        var existing = await api.GetFromJsonAsync<JsonElement>(runs);
        var facilitators = existing.EnumerateArray().Select(r => r.GetProperty("facilitators").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ToList())
            .FirstOrDefault(f => f.Count >= 2) ?? throw new InvalidOperationException($"{tenant} has no run with two facilitators to borrow");
        var workshop1 = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14 + Random.Shared.Next(0, 14));
        using var scheduled = await api.PostAsync(runs, Json(new
        {
            cohort = "IpvMale",
            language = "en",
            workshop1 = new { date = workshop1 },
            workshop2 = new { date = workshop1.AddDays(28) },
            delivery = "Remote",
            meetingLink = "https://meet.example.org/cara-bench",
            capacity = Seats,
            facilitatorIds = facilitators.Take(2),
        }));
        if (scheduled.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Scheduling a run: {(int)scheduled.StatusCode} {await scheduled.Content.ReadAsStringAsync()}");
        var runId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var referrals = new List<Guid>();
        for (var i = 0; i < Clients; i++) referrals.Add(await EligibleAsync(api, tenant, newReferral($"book{Guid.NewGuid():N}"[..20])));

        // Each client its own connection, opened beforehand, so the requests really arrive together.
        var clients = referrals.Select(_ => BenchHttp.Client(options, token, connections: 1)).ToList();
        try
        {
            foreach (var client in clients) (await client.GetAsync("/health/live")).Dispose();
            var attempts = referrals.Zip(clients).Select(async pair =>
            {
                var watch = Stopwatch.StartNew();
                using var response = await pair.Second.PostAsync($"{runs}/{runId}/bookings", Json(new { referralId = pair.First }));
                return ((int)response.StatusCode, watch.Elapsed.TotalMilliseconds);
            }).ToList();
            var answers = await Task.WhenAll(attempts);

            var run = await api.GetFromJsonAsync<JsonElement>($"{runs}/{runId}");
            var booked = run.GetProperty("bookedCount").GetInt32();
            var created = answers.Count(a => a.Item1 == 201);
            var refused = answers.Count(a => a.Item1 == 409);
            var serverErrors = answers.Count(a => a.Item1 >= 500);
            var other = answers.Length - created - refused - serverErrors;
            var kept = created == Seats && booked == Seats;
            Console.WriteLine($"  Booking: {Clients} clients at once for {Seats} seats: {created} booked, {refused} refused (409), {serverErrors} 5xx, " +
                $"{other} other; the run holds {booked}: capacity rule {(kept ? "kept" : "BROKEN")}");
            var latencies = answers.Select(a => a.Item2).Order().ToList();
            return new ScenarioResult($"Book a seat ({Clients} clients at once, {Seats} seats)", answers.Length, serverErrors + other + (kept ? 0 : 1),
                Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies[^1], 1, booked, Measure.HostWorkingSetMb(options));
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>A referral received, screened and found eligible through the API, as a coordinator would.</summary>
    private static async Task<Guid> EligibleAsync(HttpClient api, string tenant, string body)
    {
        var referrals = $"/api/v1/tenants/{tenant}/referrals";
        using var created = await api.PostAsync(referrals, new StringContent(body, Encoding.UTF8, "application/json"));
        var referral = await Ok(created, HttpStatusCode.Created);
        var id = referral.GetProperty("id").GetGuid();
        using var screening = await api.PostAsync($"{referrals}/{id}/start-screening", Json(new { version = referral.GetProperty("version").GetUInt32() }));
        referral = await Ok(screening, HttpStatusCode.OK);
        using var screened = await api.PostAsync($"{referrals}/{id}/screening", Json(new
        {
            answers = new
            {
                onBail = false,
                subjectToCourtOrderOrCommunitySentence = false,
                evidenceOfCoerciveOrControllingBehaviour = false,
                dash = new { score = 4, assessedLevel = "Standard" },
                victimViewsRecorded = true,
                specificRiskToVictimFromCaution = false,
                tenantAnswers = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("eligibility").GetProperty("tenantAnswers"),
            },
            decision = "Eligible",
            version = referral.GetProperty("version").GetUInt32(),
        }));
        await Ok(screened, HttpStatusCode.OK);
        return id;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected) =>
        response.StatusCode == expected
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
