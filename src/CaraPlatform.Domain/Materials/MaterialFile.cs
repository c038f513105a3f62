namespace CaraPlatform.Domain.Materials;

/// <summary>The kinds of file the licence holder distributes, told apart by their bytes (never by the name's extension).</summary>
public enum MaterialFileType { Pdf, Pptx, Docx, Mp4 }

/// <summary>
/// A file as stored: where (the store's key), how long, its SHA-256 (lower-case hex, checked on every read) and its type
/// as its content showed it to be.
/// </summary>
public sealed record MaterialFile(string Key, long Size, string Sha256, MaterialFileType Type)
{
    public string ContentType => Type switch
    {
        MaterialFileType.Pdf => "application/pdf",
        MaterialFileType.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        MaterialFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        MaterialFileType.Mp4 => "video/mp4",
        _ => throw new InvalidOperationException($"No content type for {Type}."),
    };

    public string Extension => Type.ToString().ToLowerInvariant();
}
