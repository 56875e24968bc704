using SkiaSharp;

namespace Combigrad.Data.Warcraft;

/// <summary>
/// Writes a map as a PNG for people to look at: the rendered image enlarged by whole pixels, with paths drawn as
/// lines through the centres of their cells and dots on the cells. Used by <c>combigrad data show</c>; a predicted
/// path is just another <see cref="PathOverlay"/> (<see cref="PathOverlay.PredictedColour"/>).
/// </summary>
public static class WarcraftImageWriter
{
    /// <summary>The default enlargement: each rendered pixel becomes a 4 x 4 block.</summary>
    public const int DefaultScale = 4;

    /// <summary>Renders <paramref name="map"/>, draws <paramref name="paths"/> in order, and writes a PNG to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">An overlay does not have k² entries.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is outside [1, 16].</exception>
    public static void WritePng(string path, WarcraftMap map, WarcraftMapRenderer renderer, IReadOnlyList<PathOverlay> paths, int scale = DefaultScale)
    {
        const int MaximumScale = 16;
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaximumScale);
        var k = map.Size;
        foreach (var overlay in paths)
            if (overlay.Indicator.Length != k * k)
                throw new ArgumentException($"A path overlay for a {k}x{k} map needs {k * k} entries, got {overlay.Indicator.Length}.", nameof(paths));

        var rgb = renderer.Render(map);
        var side = WarcraftMapRenderer.ImageSide(k);
        var outSide = side * scale;
        using var bitmap = new SKBitmap(new SKImageInfo(outSide, outSide, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[outSide * outSide * 4];
        for (var y = 0; y < outSide; y++)
        {
            for (var x = 0; x < outSide; x++)
            {
                var s = ((y / scale) * side + x / scale) * WarcraftMapRenderer.Channels;
                var d = (y * outSide + x) * 4;
                pixels[d] = rgb[s];
                pixels[d + 1] = rgb[s + 1];
                pixels[d + 2] = rgb[s + 2];
                pixels[d + 3] = byte.MaxValue;
            }
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);

        using (var canvas = new SKCanvas(bitmap))
        {
            var cell = (float)WarcraftMapRenderer.CellPixels * scale;
            foreach (var overlay in paths)
            {
                using var paint = new SKPaint { Color = new SKColor(overlay.Argb), StrokeWidth = overlay.Width, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
                bool On(int r, int c) => r >= 0 && c >= 0 && r < k && c < k && overlay.Indicator[r * k + c] > 0.5f;
                SKPoint Centre(int r, int c) => new((c + 0.5f) * cell, (r + 0.5f) * cell);
                for (var r = 0; r < k; r++)
                {
                    for (var c = 0; c < k; c++)
                    {
                        if (!On(r, c)) continue;
                        canvas.DrawCircle(Centre(r, c), overlay.Width * 1.2f, paint);
                        // Join each path cell to its marked neighbours that come later in row-major order (each pair once).
                        foreach (var (dr, dc) in (ReadOnlySpan<(int, int)>)[(0, 1), (1, -1), (1, 0), (1, 1)])
                            if (On(r + dr, c + dc)) canvas.DrawLine(Centre(r, c), Centre(r + dr, c + dc), paint);
                    }
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
