namespace Combigrad.Noise;

/// <summary>Derives independent, process-stable seeds from a base seed and a stream index (SplitMix64 finalizer).</summary>
/// <remarks>Not <see cref="HashCode"/>: it is randomized per process, which would break resuming a run in another process.</remarks>
public static class SeedMixer
{
    /// <summary>A seed for (<paramref name="seed"/>, <paramref name="stream"/>); the same in every process.</summary>
    public static ulong Mix(ulong seed, int stream)
    {
        unchecked
        {
            var z = seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)stream + 0x632BE59BD9B4E019UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A non-negative 31-bit seed for <see cref="Random"/>.</summary>
    public static int MixToInt(int seed, int stream) => (int)(Mix((ulong)(uint)seed, stream) & int.MaxValue);
}
