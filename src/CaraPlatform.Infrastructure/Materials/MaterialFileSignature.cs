using System.IO.Compression;
using CaraPlatform.Domain.Materials;

namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// Tells a file's type by its bytes: a PDF's header, an MP4's <c>ftyp</c> box, or an Office Open XML package (a zip
/// whose central directory lists the parts a presentation or a document must have). A renamed executable, a plain
/// zip or an old binary .doc is none of these.
/// </summary>
internal static class MaterialFileSignature
{
    private static ReadOnlySpan<byte> Pdf => "%PDF-"u8;

    private static ReadOnlySpan<byte> Ftyp => "ftyp"u8;

    private static ReadOnlySpan<byte> ZipLocalHeader => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The type of the whole seekable <paramref name="content"/>, or null when it is none the platform takes.</summary>
    public static async Task<MaterialFileType?> TypeOfAsync(Stream content, CancellationToken ct)
    {
        var head = new byte[8];
        content.Position = 0;
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith(Pdf)) return MaterialFileType.Pdf;
        if (bytes.Length == 8 && bytes[4..].SequenceEqual(Ftyp)) return MaterialFileType.Mp4;
        return bytes.StartsWith(ZipLocalHeader) ? await OfficeTypeAsync(content, ct) : null;
    }

    private static async Task<MaterialFileType?> OfficeTypeAsync(Stream content, CancellationToken ct)
    {
        content.Position = 0;
        try
        {
            // Only the central directory is read: no part is inflated, so a zip bomb costs nothing here.
            await using var package = await ZipArchive.CreateAsync(content, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
            var parts = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!parts.Contains("[Content_Types].xml")) return null;
            return (parts.Contains("ppt/presentation.xml"), parts.Contains("word/document.xml")) switch
            {
                (true, false) => MaterialFileType.Pptx,
                (false, true) => MaterialFileType.Docx,
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
