namespace ProjectRegistry.Web.Domain;

/// <summary>
/// A document or picture uploaded to a project. Only what lists and pages show is here; the bytes are in
/// <see cref="ProjectFileContent"/> rows, so listing a project's files never reads them.
/// </summary>
[PublicData]
public class ProjectFile
{
    public int Id { get; set; }
    public int ProjectId { get; set; }

    /// <summary>Decided from the file's own bytes at upload (<see cref="Uploads.FileTypes"/>), never its name.</summary>
    public FileFormat Format { get; set; }
    public required string Title { get; set; }

    /// <summary>The uploaded file's name, cut down to safe characters, for Content-Disposition.</summary>
    public required string FileName { get; set; }

    /// <summary>Bytes of the uploaded file.</summary>
    public long Size { get; set; }

    /// <summary>Pictures only: required, what the picture shows for someone who cannot see it.</summary>
    public string? AltText { get; set; }

    /// <summary>Pictures: photographer or source.</summary>
    public string? Credit { get; set; }

    /// <summary>Pictures: "CC BY 4.0", "Alla rättigheter förbehållna"...</summary>
    public string? Licence { get; set; }

    /// <summary>Width and height of the picture as shown (EXIF orientation applied).</summary>
    public int? Width { get; set; }
    public int? Height { get; set; }

    /// <summary>The project's main picture, shown at the top of its page and as its og:image.</summary>
    public bool IsMain { get; set; }

    public DateTime UploadedAt { get; set; }

    /// <summary>Removal only marks the file, so restoring a revision that had it brings it back.</summary>
    public DateTime? RemovedAt { get; set; }

    public List<ProjectFileContent> Contents { get; set; } = [];

    public bool IsImage => Format.IsImage();
}

/// <summary>
/// One stored byte sequence of a file: a document itself, a picture's original (kept for staff, never public,
/// since it may carry EXIF and GPS data), or one of its web sizes made at upload.
/// </summary>
[PublicData]
public class ProjectFileContent
{
    public long Id { get; set; }
    public int FileId { get; set; }

    /// <summary>0: the uploaded file as it came; otherwise a web size of a picture, this many pixels wide.</summary>
    public int Variant { get; set; }
    public required string ContentType { get; set; }

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex: the ETag and part of the public address.</summary>
    public required string Hash { get; set; }
    public long Size { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public byte[] Bytes { get; set; } = [];

    public const int Original = 0;
}

public enum FileFormat
{
    Pdf = 1,
    Docx = 2,
    Doc = 3,
    Xlsx = 4,
    Xls = 5,
    Odt = 6,
    Ods = 7,
    Jpeg = 20,
    Png = 21,
    Webp = 22,
}

public static class FileFormats
{
    public sealed record Info(FileFormat Format, string Label, string ContentType, string Extension);

    public static readonly IReadOnlyList<Info> All =
    [
        new(FileFormat.Pdf, "PDF", "application/pdf", "pdf"),
        new(FileFormat.Docx, "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        new(FileFormat.Doc, "Word", "application/msword", "doc"),
        new(FileFormat.Xlsx, "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        new(FileFormat.Xls, "Excel", "application/vnd.ms-excel", "xls"),
        new(FileFormat.Odt, "OpenDocument-text", "application/vnd.oasis.opendocument.text", "odt"),
        new(FileFormat.Ods, "OpenDocument-kalkylblad", "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        new(FileFormat.Jpeg, "JPEG-bild", "image/jpeg", "jpg"),
        new(FileFormat.Png, "PNG-bild", "image/png", "png"),
        new(FileFormat.Webp, "WebP-bild", "image/webp", "webp"),
    ];

    public static Info Of(FileFormat format) => All.First(i => i.Format == format);
    public static string Label(this FileFormat format) => Of(format).Label;
    public static bool IsImage(this FileFormat format) => format is FileFormat.Jpeg or FileFormat.Png or FileFormat.Webp;
}
