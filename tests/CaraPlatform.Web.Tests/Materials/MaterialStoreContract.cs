using CaraPlatform.Infrastructure.Materials;

namespace CaraPlatform.Web.Tests.Materials;

/// <summary>
/// What every <see cref="IMaterialStore"/> does, run against each store (<see cref="FileSystemMaterialStoreTests"/>,
/// <see cref="S3MaterialStoreTests"/>): the catalogue and the downloads rely on exactly this, whichever is configured.
/// </summary>
public abstract class MaterialStoreContract : IAsyncLifetime
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cara-store-test-").FullName;

    protected abstract IMaterialStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Directory.Delete(_scratch, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task What_is_put_reads_back_byte_for_byte_with_its_length()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var key = NewKey();

        await PutAsync(key, bytes);

        await using var read = await Store.OpenReadAsync(key, default);
        Assert.True(read.CanSeek);
        Assert.Equal(bytes.Length, read.Length);
        Assert.Equal(bytes, await ReadAllAsync(read));
    }

    [Fact]
    public async Task A_read_can_seek_anywhere_and_read_part_of_the_file()
    {
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var key = NewKey();
        await PutAsync(key, bytes);

        await using var read = await Store.OpenReadAsync(key, default);
        read.Seek(150_000, SeekOrigin.Begin);
        Assert.Equal(bytes[150_000..150_100], await ReadExactlyAsync(read, 100));
        read.Position = 10;
        Assert.Equal(bytes[10..60], await ReadExactlyAsync(read, 50));
        Assert.Equal(bytes[60..70], await ReadExactlyAsync(read, 10));
        read.Seek(-5, SeekOrigin.End);
        Assert.Equal(bytes[^5..], await ReadAllAsync(read));
    }

    [Fact]
    public async Task A_download_answers_a_range_request_from_the_store_stream()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var key = NewKey();
        await PutAsync(key, bytes);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = HttpMethods.Get;
        context.Request.Headers.Range = "bytes=40000-40999";
        using var body = new MemoryStream();
        context.Response.Body = body;

        await using var read = await Store.OpenReadAsync(key, default);
        await Results.Stream(read, "application/pdf", enableRangeProcessing: true).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status206PartialContent, context.Response.StatusCode);
        Assert.Equal("bytes 40000-40999/100000", context.Response.Headers.ContentRange.ToString());
        Assert.Equal(bytes[40_000..41_000], body.ToArray());
    }

    [Fact]
    public async Task A_second_put_under_the_same_key_replaces_the_first()
    {
        var key = NewKey();
        await PutAsync(key, RandomNumberGenerator.GetBytes(50_000));
        var second = RandomNumberGenerator.GetBytes(20_000);

        await PutAsync(key, second);

        await using var read = await Store.OpenReadAsync(key, default);
        Assert.Equal(second, await ReadAllAsync(read));
    }

    [Fact]
    public async Task A_deleted_file_is_gone_and_deleting_it_again_is_no_error()
    {
        var key = NewKey();
        await PutAsync(key, RandomNumberGenerator.GetBytes(1_000));

        await Store.DeleteAsync(key, default);

        await Assert.ThrowsAsync<MaterialNotFoundException>(() => Store.OpenReadAsync(key, default));
        await Store.DeleteAsync(key, default);
        await Store.DeleteAsync(NewKey(), default);
    }

    [Fact]
    public async Task Opening_a_key_never_stored_throws_material_not_found_naming_it()
    {
        var key = NewKey();

        var error = await Assert.ThrowsAsync<MaterialNotFoundException>(() => Store.OpenReadAsync(key, default));

        Assert.Equal(key, error.Key);
    }

    [Theory]
    [InlineData("../outside.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b.pdf")]
    [InlineData("Upper.pdf")]
    [InlineData("")]
    public async Task A_key_that_could_leave_the_store_is_refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, default));
    }

    [Fact]
    public async Task A_file_of_tens_of_megabytes_is_streamed_in_and_out()
    {
        const long length = 40L * 1024 * 1024 + 12_345;
        var source = Path.Combine(_scratch, "large.bin");
        await using (var file = File.Create(source)) await new GeneratedStream(length).CopyToAsync(file);
        var key = NewKey();

        await using (var content = File.OpenRead(source)) await Store.PutAsync(key, content, length, default);

        await using var read = await Store.OpenReadAsync(key, default);
        Assert.Equal(length, read.Length);
        await using var expected = File.OpenRead(source);
        Assert.Equal(await SHA256.HashDataAsync(expected), await SHA256.HashDataAsync(read));
    }

    protected static string NewKey() => $"contract/{Guid.NewGuid():N}.bin";

    private async Task PutAsync(string key, byte[] bytes)
    {
        using var content = new MemoryStream(bytes);
        await Store.PutAsync(key, content, bytes.Length, default);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}

public sealed class FileSystemMaterialStoreTests : MaterialStoreContract
{
    private readonly string _root = Directory.CreateTempSubdirectory("cara-materials-").FullName;

    protected override IMaterialStore Store => new FileSystemMaterialStore(_root);

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return base.DisposeAsync();
    }
}

/// <summary>The same contract against a real S3-compatible server (s3rver, from npm) through the AWS SDK.</summary>
public sealed class S3MaterialStoreTests(S3rverFixture s3rver) : MaterialStoreContract, IClassFixture<S3rverFixture>
{
    protected override IMaterialStore Store => new S3MaterialStore(s3rver.Client, S3rverFixture.Bucket);
}
