using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

/// <summary>
/// Label corruption of paper Fig. 4: every entry of a 0/1 target flips with probability <c>rho / k</c>. The flips are
/// drawn once from a seed and fixed per example, so every epoch sees the same corrupted labels.
/// </summary>
public static class LabelCorruption
{
    /// <summary>Returns a corrupted copy of <paramref name="targets"/>; the same arguments give the same copy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rho/k is not a probability.</exception>
    public static Tensor Corrupt(Tensor targets, double rho, int k, int seed)
    {
        var probability = rho / k;
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(rho), rho, $"label flip probability rho/k = {probability} must be in [0, 1].");
        float[] values;
        using (NewDisposeScope()) values = targets.to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();
        var random = new Random(seed);
        for (var i = 0; i < values.Length; i++)
            if (random.NextDouble() < probability) values[i] = 1f - values[i];
        using var flipped = tensor(values, targets.shape, device: CPU);
        return flipped.to(targets.dtype, targets.device);
    }
}
