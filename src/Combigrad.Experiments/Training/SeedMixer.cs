namespace Combigrad.Experiments.Training;

/// <summary>Derives independent, process-stable seeds from a base seed and a stream index (SplitMix64 finalizer).</summary>
public static class SeedMixer
{
    /// <summary>A non-negative 31-bit seed for (<paramref name="seed"/>, <paramref name="stream"/>); the same in every process.</summary>
    public static int Mix(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & int.MaxValue);
        }
    }
}
