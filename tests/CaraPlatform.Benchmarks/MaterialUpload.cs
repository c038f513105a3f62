using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// A large material file through the API as the LicenceAdmin sends one: a 200 MB upload (20 MB quick), then the verified
/// download of it, with the host's working set sampled every 50 ms. The issue's bound: the upload raises the host's
/// working set by at most 50 MB (the body is streamed to storage, never held). The file's bytes are made as they are
/// sent, so the harness holds none of it either.
/// </summary>
internal static class MaterialUpload
{
    private const double AllowedRiseMb = 50;

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchOptions options)
    {
        var size = options.Quick ? 20L << 20 : 200L << 20;
        using var admin = await StaffMember.SignInAsync(options, StaffMember.LicenceAdmin, "materials.read materials.write");
        var api = admin.Api;
        api.Timeout = TimeSpan.FromMinutes(15);
        var item = await JsonAsync(await api.PostAsJsonAsync("/api/v1/national/materials", new
        {
            title = $"Bench video {DateTime.UtcNow:yyyyMMddHHmmss}",
            workshop = "Both",
            audience = "SessionSlides",
            language = "en",
        }), HttpStatusCode.Created);
        var itemId = item.GetProperty("id").GetGuid();
        var release = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/national/materials/{itemId}/releases", new { releaseNotes = "Bench" }), HttpStatusCode.Created);
        var fileUrl = $"/api/v1/national/materials/{itemId}/releases/{release.GetProperty("id").GetGuid()}/file";

        var results = new List<ScenarioResult>();
        var video = new SyntheticMp4(size);
        var (upload, uploadRise) = await SampledAsync(options, async () =>
        {
            var content = new StreamContent(video);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = size;
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "bench.mp4" };
            using var response = await api.PutAsync(fileUrl, content);
            var body = await JsonAsync(response, HttpStatusCode.OK);
            return body.GetProperty("file").GetProperty("sha256").GetString() == video.Sha256Hex ? 0 : 1;
        });
        results.Add(Result(options, $"upload {size >> 20} MB (host working-set rise)", upload, uploadRise, size));

        var (download, downloadRise) = await SampledAsync(options, async () =>
        {
            using var response = await api.GetAsync(fileUrl, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var hash = await SHA256.HashDataAsync(body);
            return Convert.ToHexStringLower(hash) == video.Sha256Hex ? 0 : 1;
        });
        results.Add(Result(options, $"download {size >> 20} MB verified (host working-set rise)", download, downloadRise, size));
        return results;
    }

    private static ScenarioResult Result(BenchOptions options, string scenario, (int Errors, double Ms) run, double riseMb, long size)
    {
        var over = riseMb > AllowedRiseMb && options.HostPid is not null;
        Console.WriteLine($"  {scenario}: {run.Ms / 1000:0.0} s, working set +{riseMb:0} MB (bound {AllowedRiseMb} MB){(over ? " OVER" : "")}");
        // The rise is the figure that matters here: it is what the result's working-set column holds for these two rows.
        return new ScenarioResult(scenario, 1, run.Errors + (over ? 1 : 0), run.Ms, run.Ms, run.Ms, 1, size, riseMb);
    }

    /// <summary>Runs <paramref name="work"/> while sampling the host's working set; returns its errors and time, and the peak rise.</summary>
    private static async Task<((int Errors, double Ms) Run, double RiseMb)> SampledAsync(BenchOptions options, Func<Task<int>> work)
    {
        var before = Measure.HostWorkingSetMb(options);
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Measure.HostWorkingSetMb(options));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var errors = await work();
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        return ((errors, watch.Elapsed.TotalMilliseconds), Math.Max(0, peak - before));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An MP4 by its first box (ftyp), then pseudo-random bytes made as they are read, hashed as they go.</summary>
    private sealed class SyntheticMp4(long length) : Stream
    {
        private static readonly byte[] Header = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
            (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1'];

        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Random _random = new(2026);
        private long _position;
        private string? _sha256;

        /// <summary>The SHA-256 of everything read, once all of it has been.</summary>
        public string Sha256Hex => _sha256 ?? throw new InvalidOperationException("Not read to the end yet.");

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            if (n <= 0)
            {
                _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());
                return 0;
            }

            var span = buffer.AsSpan(offset, n);
            _random.NextBytes(span);
            for (var i = 0; i < n && _position + i < Header.Length; i++) span[i] = Header[_position + i];
            _hash.AppendData(span);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
