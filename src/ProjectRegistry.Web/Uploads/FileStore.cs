using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Uploads;

/// <summary>An upload made into a <see cref="ProjectFile"/> with its stored bytes; the one way a file enters the registry.</summary>
public static class FileStore
{
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public const string RefusedType =
        "Filen kan inte laddas upp: den är inte en PDF, ett Word-, Excel- eller OpenDocument-dokument eller en JPEG-, PNG- eller WebP-bild. " +
        "Vilken sorts fil det är avgörs av filens innehåll, inte av dess namn.";

    /// <summary>The new file, or a Swedish message saying why these bytes cannot be one.</summary>
    public static (ProjectFile? File, string? Problem) Create(byte[] bytes, string uploadedName, DateTime now)
    {
        if (bytes.Length == 0) return (null, "Filen är tom.");
        if (bytes.Length > MaxFileBytes) return (null, $"Filen är {MegaBytes(bytes.Length)}. Den får vara högst 20 MB.");
        if (FileTypes.Detect(bytes) is not { } format) return (null, RefusedType);
        var info = FileFormats.Of(format);
        var file = new ProjectFile
        {
            Format = format, Title = "", FileName = SafeName(uploadedName, info.Extension), Size = bytes.Length, UploadedAt = now,
        };
        file.Contents.Add(Content(ProjectFileContent.Original, info.ContentType, bytes, null, null));
        if (format.IsImage())
        {
            var (result, problem) = WebImages.Make(bytes);
            if (result is null) return (null, problem);
            file.Width = result.Width;
            file.Height = result.Height;
            foreach (var size in result.Sizes) file.Contents.Add(Content(size.Width, size.ContentType, size.Bytes, size.Width, size.Height));
        }
        return (file, null);
    }

    private static ProjectFileContent Content(int variant, string contentType, byte[] bytes, int? width, int? height) => new()
    {
        Variant = variant, ContentType = contentType, Bytes = bytes, Size = bytes.Length, Width = width, Height = height,
        Hash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
    };

    /// <summary>
    /// The uploaded name reduced to letters, digits, '-' and '_' (å, ä, ö kept), with the extension of the type the
    /// bytes have: "Slutrapport 2024 (slutlig).PDF.html" from a browser becomes "Slutrapport-2024-slutlig-PDF.pdf".
    /// </summary>
    public static string SafeName(string uploadedName, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(uploadedName.Replace('\\', '/')));
        var sb = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || c is '_') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 80) break;
        }
        var safe = sb.ToString().Trim('-');
        return (safe.Length == 0 ? "fil" : safe) + "." + extension;
    }

    /// <summary>"1,2 MB", "340 kB": sizes as a Swede reads them.</summary>
    public static string MegaBytes(long bytes)
    {
        var sv = CultureInfo.GetCultureInfo("sv-SE");
        return bytes >= 1024 * 1024
            ? (bytes / (1024d * 1024)).ToString("0.#", sv) + " MB"
            : Math.Max(1, (int)Math.Round(bytes / 1024d)).ToString(sv) + " kB";
    }

    /// <summary>"PDF, 1,2 MB".</summary>
    public static string Describe(FileFormat format, long size) => $"{format.Label()}, {MegaBytes(size)}";
}
