using Amazon.S3;
using Amazon.S3.Model;

namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// A read-only, seekable view of an S3 object of known length. Reading from where the last read ended goes on with the
/// same response; a read after a seek opens a ranged GET from the new position to the end. A whole read (the SHA-256
/// check) is so one request, and a <c>Range</c> download one more.
/// </summary>
internal sealed class S3ObjectStream(IAmazonS3 client, string bucket, string key, long length) : Stream
{
    private GetObjectResponse? _response;
    private long _responsePosition;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A position cannot be negative.");
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0) return 0;
        if (_response is null || _responsePosition != _position)
        {
            _response?.Dispose();
            _response = null;
            _response = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucket,
                Key = key,
                ByteRange = new ByteRange(_position, length - 1),
            }, cancellationToken);
            _responsePosition = _position;
        }

        var read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        if (read == 0) throw new IOException($"The S3 object '{key}' ended at {_position} of {length} bytes.");
        _position += read;
        _responsePosition = _position;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reading blocks on the network: Kestrel forbids synchronous I/O, and so does this stream.</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("An S3 object is read asynchronously (ReadAsync).");

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _response?.Dispose();
        base.Dispose(disposing);
    }
}
