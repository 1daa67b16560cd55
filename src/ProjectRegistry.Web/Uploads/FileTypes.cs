using System.IO.Compression;
using System.Text;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Uploads;

/// <summary>
/// What an uploaded file is, decided from its own bytes: the magic numbers of PDF, JPEG, PNG and WebP; for the
/// zip-based Office and OpenDocument formats the zip's entries; for the old Office formats the compound file's
/// stream names. The file's name and the browser's Content-Type are never asked: an HTML page named .pdf is HTML.
/// </summary>
public static class FileTypes
{
    public static FileFormat? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8)) return FileFormat.Pdf;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return FileFormat.Jpeg;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return FileFormat.Png;
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return FileFormat.Webp;
        if (bytes.StartsWith("PK\u0003\u0004"u8)) return Zipped(bytes.ToArray());
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return CompoundFile(bytes);
        return null;
    }

    /// <summary>OOXML by its [Content_Types].xml and its word/ or xl/ part; ODF by its "mimetype" entry.</summary>
    private static FileFormat? Zipped(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            // Only the central directory's names are read, and at most 100 bytes of one small entry: a zip bomb
            // is never inflated.
            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                using var stream = mimetype.Open();
                var buffer = new byte[100];
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                return Encoding.ASCII.GetString(buffer, 0, read).Trim() switch
                {
                    "application/vnd.oasis.opendocument.text" => FileFormat.Odt,
                    "application/vnd.oasis.opendocument.spreadsheet" => FileFormat.Ods,
                    _ => null,
                };
            }
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.Entries.Any(e => e.FullName.StartsWith("word/", StringComparison.Ordinal))) return FileFormat.Docx;
            if (zip.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal))) return FileFormat.Xlsx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// The old Word and Excel formats are OLE compound files: a small FAT file system whose directory names a
    /// "WordDocument" stream (Word) or a "Workbook" or "Book" stream (Excel). The directory's chain of sectors is
    /// followed through the FAT; a file that does not parse is not a document.
    /// </summary>
    private static FileFormat? CompoundFile(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 512) return null;
        var sectorShift = BitConverter.ToUInt16(bytes[0x1E..]);
        if (sectorShift is not (9 or 12)) return null;
        var sectorSize = 1 << sectorShift;
        var fatSectorCount = BitConverter.ToInt32(bytes[0x2C..]);
        var directorySector = BitConverter.ToInt32(bytes[0x30..]);
        // The first 109 FAT sectors are listed in the header: enough for files up to 7 MB (512-byte sectors) or
        // 458 MB (4 kB sectors); a directory beyond them is not followed.
        var fat = new List<int>();
        for (var i = 0; i < Math.Min(fatSectorCount, 109); i++)
        {
            var sector = BitConverter.ToInt32(bytes[(0x4C + 4 * i)..]);
            var offset = (long)(sector + 1) * sectorSize;
            if (sector < 0 || offset + sectorSize > bytes.Length) break;
            for (var j = 0; j < sectorSize; j += 4) fat.Add(BitConverter.ToInt32(bytes[(int)(offset + j)..]));
        }
        var names = new List<string>();
        var seen = new HashSet<int>();
        for (var sector = directorySector; sector >= 0 && seen.Add(sector) && seen.Count < 10_000;
             sector = sector < fat.Count ? fat[sector] : -1)
        {
            var offset = (long)(sector + 1) * sectorSize;
            if (offset + sectorSize > bytes.Length) break;
            for (var e = 0; e < sectorSize; e += 128)
            {
                var entry = bytes.Slice((int)(offset + e), 128);
                var length = BitConverter.ToUInt16(entry[0x40..]);
                if (length is >= 2 and <= 64) names.Add(Encoding.Unicode.GetString(entry[..(length - 2)]));
            }
        }
        if (names.Contains("WordDocument")) return FileFormat.Doc;
        if (names.Contains("Workbook") || names.Contains("Book")) return FileFormat.Xls;
        return null;
    }
}
