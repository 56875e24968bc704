using Combigrad.Data.KeypointMatching;
using Combigrad.Experiments.GraphMatching;

namespace Combigrad.Experiments.Tests.GraphMatching;

/// <summary>Small keypoint-matching data without the tiles package: smooth random colour images.</summary>
internal static class TinyKeypointData
{
    public const int Side = 32;

    public static byte[] Image(ulong seed)
    {
        var random = new Random((int)(seed % int.MaxValue));
        var image = new byte[KeypointPair.Channels * Side * Side];
        for (var c = 0; c < KeypointPair.Channels; c++)
        {
            var (fx, fy, phase) = (random.NextDouble() * 0.8, random.NextDouble() * 0.8, random.NextDouble() * 6.3);
            var (gx, gy) = (random.NextDouble() * 0.8, random.NextDouble() * 0.8);
            for (var y = 0; y < Side; y++)
                for (var x = 0; x < Side; x++)
                    image[(c * Side + y) * Side + x] = (byte)Math.Round(127.5 + 63 * Math.Sin(fx * x + fy * y + phase) + 63 * Math.Cos(gx * x - gy * y));
        }
        return image;
    }

    public static KeypointPairOptions Pairs(int keypoints = 6, int outliers = 1) =>
        new() { KeypointCount = keypoints, OutlierCount = outliers, OccludedCount = 1, OccluderSize = 4, Margin = 2, MinDistance = 3 };

    public static KeypointPair[] Generate(int count, ulong seed, KeypointPairOptions? options = null) =>
        KeypointPairSet.Generate(Image, Side, count, options ?? Pairs(), seed);

    public static KeypointMatchingOptions Options(string method, int train = 8) => new()
    {
        Method = method,
        Pairs = Pairs(),
        TrainCount = train,
        ValidationCount = 4,
        TestCount = 4,
        Training = new() { Epochs = 2, BatchSize = 4, LearningRate = 2e-3, NoiseMagnitude = 0.1, NoiseEpochs = 1, Seed = 3 },
    };
}
