using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>Files to upload, made in the test: a real PDF, a JPEG that carries a GPS position, and impostors.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with a line of text, with a correct cross-reference table.</summary>
    public static byte[] Pdf(string text = "Slutrapport")
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var stream = $"BT /F1 24 Tf 72 760 Td ({text}) Tj ET";
        objects[3] = $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream";
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append($"{o:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>");

    public static readonly byte[] Svg = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>");

    /// <summary>
    /// A photo as a phone stores it: <paramref name="width"/> × <paramref name="height"/> pixels as stored, an
    /// EXIF block (APP1) with the orientation "turn 90° clockwise to show" (6) and a GPS position in Malå
    /// (65° 11′ N, 18° 44′ E), written by hand after the JPEG's start marker.
    /// </summary>
    public static byte[] JpegWithGps(int width = 1200, int height = 600)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkGreen };
            canvas.DrawRect(0, height / 2f, width, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        var jpeg = data.ToArray();
        var exif = ExifWithGps();
        var app1 = new byte[4 + exif.Length];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(app1, 4);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static byte[] ExifWithGps()
    {
        // "Exif\0\0", then a big-endian TIFF: IFD0 (orientation, pointer to the GPS IFD), the GPS IFD, its rationals.
        var tiff = new byte[140];
        var t = tiff.AsSpan();
        "MM"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], 8);
        static void Entry(Span<byte> t, int at, ushort tag, ushort type, uint count, uint value, bool shortValue = false)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t[at..], tag);
            BinaryPrimitives.WriteUInt16BigEndian(t[(at + 2)..], type);
            BinaryPrimitives.WriteUInt32BigEndian(t[(at + 4)..], count);
            if (shortValue) BinaryPrimitives.WriteUInt16BigEndian(t[(at + 8)..], (ushort)value);
            else BinaryPrimitives.WriteUInt32BigEndian(t[(at + 8)..], value);
        }
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], 2);
        Entry(t, 10, 0x0112, 3, 1, 6, shortValue: true); // Orientation
        Entry(t, 22, 0x8825, 4, 1, 38);                  // GPS IFD at 38
        BinaryPrimitives.WriteUInt16BigEndian(t[38..], 4);
        Entry(t, 40, 0x0001, 2, 2, 0); t[48] = (byte)'N';  // GPSLatitudeRef
        Entry(t, 52, 0x0002, 5, 3, 92);                    // GPSLatitude
        Entry(t, 64, 0x0003, 2, 2, 0); t[72] = (byte)'E';  // GPSLongitudeRef
        Entry(t, 76, 0x0004, 5, 3, 116);                   // GPSLongitude
        uint[] rationals = [65, 1, 11, 1, 0, 1, 18, 1, 44, 1, 0, 1];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(t[(92 + 4 * i)..], rationals[i]);
        return [.. "Exif\0\0"u8, .. tiff];
    }

    /// <summary>The markers of a JPEG's header segments, up to the image data: APP1 (0xE1) is EXIF or XMP.</summary>
    public static List<(byte Marker, byte[] Payload)> JpegSegments(byte[] jpeg)
    {
        Assert.True(jpeg.Length > 4 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, "Inte en JPEG.");
        var segments = new List<(byte, byte[])>();
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xDA) break; // start of scan: pixel data follows
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            segments.Add((marker, jpeg[(at + 4)..(at + 2 + length)]));
            at += 2 + length;
        }
        return segments;
    }

    /// <summary>Width and height from a JPEG's frame header (SOF0–SOF2).</summary>
    public static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        var frame = JpegSegments(jpeg).First(s => s.Marker is 0xC0 or 0xC1 or 0xC2).Payload;
        return (BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(3)), BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1)));
    }
}
