using SkiaSharp;

namespace ProjectRegistry.Web.Uploads;

/// <summary>
/// The web sizes of an uploaded picture, made once at upload so that no anonymous request makes the server
/// decode an image. Each size is decoded and encoded anew: Skia's encoders write pixels only, so EXIF (camera,
/// GPS position, time) and any other metadata of the upload are in none of them. The EXIF orientation is
/// applied to the pixels first, since the tag that said how to turn the picture is gone with the rest.
/// </summary>
public static class WebImages
{
    /// <summary>For a srcset from phones to a wide screen; a size is never wider than the upload.</summary>
    public static readonly int[] Widths = [480, 960, 1600];

    /// <summary>
    /// 50 megapixels (a full-frame camera's is 45): a 20 MB PNG of flat colour could otherwise claim
    /// 30,000 × 30,000 pixels and take 3.6 GB to decode.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    public sealed record Size(int Width, int Height, string ContentType, byte[] Bytes);

    public sealed record Result(int Width, int Height, IReadOnlyList<Size> Sizes);

    /// <summary>The web sizes, or a Swedish message saying why the picture cannot be used.</summary>
    public static (Result? Result, string? Problem) Make(byte[] upload)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null) return (null, "Bilden kunde inte läsas. Kontrollera att filen är hel och försök igen.");
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
            return (null, $"Bilden är {info.Width} × {info.Height} bildpunkter. Den får vara högst 50 megapixlar; förminska den och ladda upp den igen.");
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return (null, "Bilden kunde inte läsas. Kontrollera att filen är hel och försök igen.");
        using var oriented = Oriented(decoded, codec.EncodedOrigin);
        var picture = oriented ?? decoded;

        // Transparency needs WebP (JPEG has none); a photo is JPEG, which every browser and mail client shows.
        var transparent = picture.AlphaType != SKAlphaType.Opaque && !IsOpaque(picture);
        var (format, contentType, quality) = transparent
            ? (SKEncodedImageFormat.Webp, "image/webp", 82)
            : (SKEncodedImageFormat.Jpeg, "image/jpeg", 82);
        var widths = Widths.Where(w => w < picture.Width).Append(Math.Min(picture.Width, Widths[^1])).Distinct().ToList();
        var sizes = new List<Size>();
        foreach (var width in widths)
        {
            var height = Math.Max(1, (int)Math.Round((double)picture.Height * width / picture.Width));
            using var resized = width == picture.Width ? null
                : picture.Resize(new SKImageInfo(width, height, picture.ColorType, picture.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(resized ?? picture);
            using var encoded = image.Encode(format, quality);
            sizes.Add(new Size(width, height, contentType, encoded.ToArray()));
        }
        return (new Result(picture.Width, picture.Height, sizes), null);
    }

    private static bool IsOpaque(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        return pixmap is not null && pixmap.ComputeIsOpaque();
    }

    /// <summary>The pixels turned as the EXIF orientation says, or null when they already stand right.</summary>
    private static SKBitmap? Oriented(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0) return null;
        float w = source.Width, h = source.Height;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        // Where a stored pixel (x, y) lands: x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY.
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix { ScaleX = -1, TransX = w, ScaleY = 1, Persp2 = 1 },
            SKEncodedOrigin.BottomRight => new SKMatrix { ScaleX = -1, TransX = w, ScaleY = -1, TransY = h, Persp2 = 1 },
            SKEncodedOrigin.BottomLeft => new SKMatrix { ScaleX = 1, ScaleY = -1, TransY = h, Persp2 = 1 },
            SKEncodedOrigin.LeftTop => new SKMatrix { SkewX = 1, SkewY = 1, Persp2 = 1 },
            SKEncodedOrigin.RightTop => new SKMatrix { SkewX = -1, TransX = h, SkewY = 1, Persp2 = 1 },
            SKEncodedOrigin.RightBottom => new SKMatrix { SkewX = -1, TransX = h, SkewY = -1, TransY = w, Persp2 = 1 },
            SKEncodedOrigin.LeftBottom => new SKMatrix { SkewX = 1, SkewY = -1, TransY = w, Persp2 = 1 },
            _ => SKMatrix.Identity,
        };
        var turned = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(turned);
        canvas.SetMatrix(m);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return turned;
    }
}
