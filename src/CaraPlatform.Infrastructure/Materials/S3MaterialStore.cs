using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// Objects in a bucket of an S3-compatible service. Uploads over <see cref="MultipartThreshold"/> go in parts, each read
/// straight from the (seekable) content, so neither way holds a file in memory; reads are ranged GETs
/// (<see cref="S3ObjectStream"/>).
/// </summary>
public sealed class S3MaterialStore(IAmazonS3 client, string bucket) : IMaterialStore
{
    /// <summary>S3 allows 10,000 parts of 5 MiB to 5 GiB; parts of 16 MiB carry uploads up to the platform's limits in a few hundred requests.</summary>
    internal const long PartSize = 16L * 1024 * 1024;

    internal const long MultipartThreshold = 2 * PartSize;

    public async Task PutAsync(string key, Stream content, long length, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        MaterialKey.Checked(key);
        if (length <= MultipartThreshold)
        {
            content.Position = 0;
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = content,
                AutoCloseStream = false,
                Headers = { ContentLength = length },
                UseChunkEncoding = false,
            }, ct);
            return;
        }

        await PutInPartsAsync(key, content, length, ct);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        MaterialKey.Checked(key);
        try
        {
            var metadata = await client.GetObjectMetadataAsync(bucket, key, ct);
            return new S3ObjectStream(client, bucket, key, metadata.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new MaterialNotFoundException(key);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        client.DeleteObjectAsync(bucket, MaterialKey.Checked(key), ct);

    private async Task PutInPartsAsync(string key, Stream content, long length, CancellationToken ct)
    {
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, ct);
        try
        {
            var parts = new List<PartETag>();
            for (var (offset, number) = (0L, 1); offset < length; offset += PartSize, number++)
            {
                content.Position = offset;
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    InputStream = content,
                    PartSize = Math.Min(PartSize, length - offset),
                    UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag(number, part.ETag));
            }

            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, ct);
        }
        catch
        {
            // The parts already sent would otherwise be kept (and billed) by the service until the upload is aborted.
            await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId },
                CancellationToken.None);
            throw;
        }
    }
}
