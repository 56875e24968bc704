namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// Resamples an image under an <see cref="AffineWarp"/>: the target pixel at <c>q</c> takes the bilinearly
/// interpolated source value at <c>warp^-1(q)</c>, so content at source point <c>p</c> appears at <c>warp(p)</c>.
/// Target pixels whose preimage falls outside the source get <see cref="Background"/>.
/// </summary>
/// <remarks>Images are 8-bit, channel-major (<c>[channels, height, width]</c>), pixel centres at integer coordinates.
/// Deterministic: double arithmetic and round-half-away-from-zero.</remarks>
public static class ImageWarper
{
    /// <summary>The value of target pixels that see no source pixel.</summary>
    public const byte Background = 0;

    /// <summary>Writes the warped <paramref name="source"/> into <paramref name="target"/> (both <c>[channels, height, width]</c>).</summary>
    /// <exception cref="ArgumentException">A buffer has the wrong length, or a size is not positive.</exception>
    /// <exception cref="InvalidOperationException">The warp is singular.</exception>
    public static void Warp(ReadOnlySpan<byte> source, Span<byte> target, int channels, int height, int width, AffineWarp warp)
    {
        if (channels < 1 || height < 1 || width < 1)
            throw new ArgumentException($"Image sizes must be positive, got {channels}x{height}x{width}.");
        var plane = height * width;
        if (source.Length != channels * plane || target.Length != channels * plane)
            throw new ArgumentException($"A {channels}x{height}x{width} image has {channels * plane} bytes; got {source.Length} and {target.Length}.");
        var inverse = warp.Inverse();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = inverse.Apply(x, y);
                var x0 = (int)Math.Floor(sx);
                var y0 = (int)Math.Floor(sy);
                var fx = sx - x0;
                var fy = sy - y0;
                for (var c = 0; c < channels; c++)
                {
                    var channel = source.Slice(c * plane, plane);
                    var value = (1 - fy) * ((1 - fx) * Pixel(channel, x0, y0, width, height) + fx * Pixel(channel, x0 + 1, y0, width, height))
                              + fy * ((1 - fx) * Pixel(channel, x0, y0 + 1, width, height) + fx * Pixel(channel, x0 + 1, y0 + 1, width, height));
                    target[c * plane + y * width + x] = (byte)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, byte.MaxValue);
                }
            }
        }
    }

    private static double Pixel(ReadOnlySpan<byte> channel, int x, int y, int width, int height) =>
        x < 0 || y < 0 || x >= width || y >= height ? Background : channel[y * width + x];
}
