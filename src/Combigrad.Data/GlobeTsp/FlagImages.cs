using SkiaSharp;

namespace Combigrad.Data.GlobeTsp;

/// <summary>Decodes flag PNGs (palette, RGB or RGBA) and resizes them to one fixed size, composited on white.</summary>
public static class FlagImages
{
    /// <summary>The default width of a flag image fed to the network.</summary>
    public const int DefaultWidth = 64;

    /// <summary>The default height (flags are about 3:2; narrower or taller ones are stretched).</summary>
    public const int DefaultHeight = 40;

    /// <summary>Loads one flag as RGB floats in [0, 1], channel-major (<c>[3, height, width]</c>).</summary>
    /// <exception cref="InvalidDataException">The file is not a decodable image.</exception>
    public static float[] Load(string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        using var decoded = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not a decodable PNG image.");
        using var rgba = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(rgba))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }
        var pixels = rgba.Pixels;
        var result = new float[3 * width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            result[i] = pixels[i].Red / 255f;
            result[width * height + i] = pixels[i].Green / 255f;
            result[2 * width * height + i] = pixels[i].Blue / 255f;
        }
        return result;
    }
}
