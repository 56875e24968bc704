using Combigrad.Data.Warcraft;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Warcraft;

/// <summary>Renders maps of a <see cref="WarcraftDataset"/> into a byte tensor <c>[N, 3, 8k, 8k]</c> (channel-first RGB), the input of <see cref="WarcraftCostNetwork"/>.</summary>
public static class WarcraftImages
{
    private const int ChunkMaps = 500;

    /// <summary>Renders maps <c>[0, count)</c>, a chunk at a time (bytes keep 10,000 maps of k = 30 under 2 GB).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside [1, dataset.Count].</exception>
    public static Tensor Render(WarcraftDataset dataset, WarcraftMapRenderer renderer, int count) => Render(dataset, renderer, 0, count);

    /// <summary>Renders maps <c>[first, first + count)</c>, a chunk at a time, into a CPU tensor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or leaves the split.</exception>
    public static Tensor Render(WarcraftDataset dataset, WarcraftMapRenderer renderer, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, dataset.Count, nameof(count));
        var side = WarcraftMapRenderer.ImageSide(dataset.Size);
        var imageBytes = side * side * WarcraftMapRenderer.Channels;
        var images = empty([count, WarcraftMapRenderer.Channels, side, side], ScalarType.Byte, device: CPU);
        using var noGrad = no_grad();
        for (var start = 0; start < count; start += ChunkMaps)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ChunkMaps, count - start);
            var rgb = new byte[length * imageBytes];
            Parallel.For(0, length, i => renderer.Render(dataset.Map(first + start + i), rgb.AsSpan(i * imageBytes, imageBytes)));
            var chunk = tensor(rgb, [length, side, side, WarcraftMapRenderer.Channels], device: CPU).permute(0, 3, 1, 2);
            images.narrow(0, start, length).copy_(chunk);
        }
        return images;
    }

    /// <summary>The first <paramref name="count"/> maps' <paramref name="values"/> (k² floats per map, map after map) as <c>[count, k, k]</c> on <paramref name="device"/>.</summary>
    internal static Tensor Grids(float[] values, int size, int count, Device device) =>
        tensor(values.AsSpan(0, count * size * size).ToArray(), [count, size, size], device: device);
}
