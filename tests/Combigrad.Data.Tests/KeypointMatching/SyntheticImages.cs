using Combigrad.Data.KeypointMatching;

namespace Combigrad.Data.Tests.KeypointMatching;

/// <summary>Deterministic smooth colour images (sums of random sinusoids) for keypoint-pair tests, no data needed.</summary>
internal static class SyntheticImages
{
    public static byte[] Smooth(ulong seed, int side)
    {
        var random = new Random((int)(seed % int.MaxValue));
        var image = new byte[KeypointPair.Channels * side * side];
        for (var c = 0; c < KeypointPair.Channels; c++)
        {
            var waves = Enumerable.Range(0, 4)
                .Select(_ => (Fx: random.NextDouble() * 0.6, Fy: random.NextDouble() * 0.6, Phase: random.NextDouble() * 6.3))
                .ToArray();
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                {
                    var value = waves.Sum(w => Math.Sin(w.Fx * x + w.Fy * y + w.Phase)) / waves.Length;
                    image[(c * side + y) * side + x] = (byte)Math.Round(127.5 + 127 * value);
                }
        }
        return image;
    }
}
