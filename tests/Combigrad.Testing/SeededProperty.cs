using CsCheck;

namespace Combigrad.Testing;

/// <summary>
/// Runs a property on a fixed, reproducible sequence of CsCheck samples. <c>Gen.Sample(..., seed)</c> fixes only its
/// first iteration (the others draw from a time-seeded generator), so the tests draw every sample from one
/// <see cref="PCG"/> with a fixed stream and seed instead: the same instances on every run.
/// </summary>
public static class SeededProperty
{
    /// <summary>The PCG stream every property uses; the seed varies per test.</summary>
    public const uint Stream = 20240;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> samples of <paramref name="gen"/>
    /// drawn from seed <paramref name="seed"/>; a failure names the sample index and the CsCheck seed that regenerates
    /// the failing sample (<c>gen.Sample(property, seed: "...")</c>).</summary>
    /// <exception cref="InvalidOperationException">The property threw on some sample (inner exception).</exception>
    public static void Check<T>(Gen<T> gen, Action<T> property, ulong seed, int iterations)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        var pcg = new PCG(Stream, seed);
        for (var i = 0; i < iterations; i++)
        {
            var state = pcg.ToString(pcg.State);
            var sample = gen.Generate(pcg, null, out _);
            try
            {
                property(sample);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"Property failed on sample {i} of {iterations} (CsCheck seed \"{state}\"): {ex.Message}", ex);
            }
        }
    }
}
