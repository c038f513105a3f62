using System.IO.Compression;

namespace CaraPlatform.Web.Tests.Materials;

/// <summary>The smallest files of each kind a reader would take, made here byte by byte, and a few that only look like them.</summary>
public static class MaterialSamples
{
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n" +
        "trailer <</Root 1 0 R>>\n%%EOF\n");

    /// <summary>An ftyp box (major brand isom) followed by an empty mdat box.</summary>
    public static byte[] Mp4() =>
    [
        0, 0, 0, 0x18, .."ftyp"u8, .."isom"u8, 0, 0, 2, 0, .."isom"u8, .."mp41"u8,
        0, 0, 0, 8, .."mdat"u8,
    ];

    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", ContentTypes("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
        ("_rels/.rels", Relationships("word/document.xml")),
        ("word/document.xml", """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Session plan</w:t></w:r></w:p></w:body></w:document>"""));

    public static byte[] Pptx() => Zip(
        ("[Content_Types].xml", ContentTypes("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")),
        ("_rels/.rels", Relationships("ppt/presentation.xml")),
        ("ppt/presentation.xml", """<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>"""));

    /// <summary>A Windows executable's header, as a file renamed to .pdf would carry it.</summary>
    public static byte[] Executable() => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. "This program cannot be run in DOS mode."u8];

    public static byte[] PlainZip() => Zip(("notes.txt", "Workshop 1 notes"));

    /// <summary>An old binary Word document: an OLE compound file's signature.</summary>
    public static byte[] Doc() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    private static string ContentTypes(string part, string contentType) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{part}" ContentType="{contentType}"/></Types>""";

    private static string Relationships(string part) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{part}"/></Relationships>""";
}

/// <summary>
/// A read-only, forward-only stream of <paramref name="length"/> bytes, <paramref name="head"/> then pseudo-random
/// bytes made as they are read: an upload of any size that is never whole in memory.
/// </summary>
public sealed class GeneratedStream(long length, byte[]? head = null) : Stream
{
    private readonly Random _random = new(17);
    private readonly byte[] _head = head ?? [];

    /// <summary>How many bytes were asked of it: an upload refused early is not read to its end.</summary>
    public long Consumed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Consumed; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - Consumed);
        if (count <= 0) return 0;
        var target = buffer[..count];
        _random.NextBytes(target);
        if (Consumed < _head.Length)
        {
            var fromHead = _head.AsSpan((int)Consumed, Math.Min(_head.Length - (int)Consumed, count));
            fromHead.CopyTo(target);
        }

        Consumed += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
