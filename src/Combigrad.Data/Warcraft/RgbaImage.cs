using SkiaSharp;

namespace Combigrad.Data.Warcraft;

/// <summary>An 8-bit RGBA image with straight (unpremultiplied) alpha, row-major.</summary>
internal sealed class RgbaImage
{
    public const int Channels = 4;

    public RgbaImage(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * Channels];
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>Decodes a PNG (any colour type, including palettes with transparency) to straight RGBA.</summary>
    /// <exception cref="InvalidDataException">The file is not a decodable image.</exception>
    public static RgbaImage DecodePng(string path)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"{path} is not a decodable image.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var image = new RgbaImage(info.Width, info.Height);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(image.Pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                throw new InvalidDataException($"{path}: PNG decoding failed ({result}).");
        }
        finally
        {
            handle.Free();
        }
        return image;
    }

    /// <summary>Copies the rectangle at (<paramref name="x"/>, <paramref name="y"/>) into a new image.</summary>
    /// <exception cref="InvalidDataException">The rectangle leaves the image.</exception>
    public RgbaImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || x + width > Width || y + height > Height)
            throw new InvalidDataException($"Sprite rectangle ({x}, {y}, {width}x{height}) leaves the {Width}x{Height} sheet.");
        var crop = new RgbaImage(width, height);
        for (var row = 0; row < height; row++)
            Pixels.AsSpan(((y + row) * Width + x) * Channels, width * Channels)
                .CopyTo(crop.Pixels.AsSpan(row * width * Channels));
        return crop;
    }

    /// <summary>Draws <paramref name="source"/> over this image at (<paramref name="x"/>, <paramref name="y"/>), "source over" with straight alpha, integer arithmetic.</summary>
    public void Composite(RgbaImage source, int x, int y)
    {
        for (var row = 0; row < source.Height; row++)
        {
            for (var column = 0; column < source.Width; column++)
            {
                var s = (row * source.Width + column) * Channels;
                var d = ((y + row) * Width + x + column) * Channels;
                int alpha = source.Pixels[s + 3];
                if (alpha == 0) continue;
                for (var channel = 0; channel < 3; channel++)
                    Pixels[d + channel] = (byte)((source.Pixels[s + channel] * alpha + Pixels[d + channel] * (255 - alpha) + 127) / 255);
                Pixels[d + 3] = (byte)Math.Max(alpha, (int)Pixels[d + 3]);
            }
        }
    }
}
