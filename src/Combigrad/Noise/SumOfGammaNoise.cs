using static TorchSharp.torch;

namespace Combigrad.Noise;

/// <summary>
/// Sum-of-Gamma noise of Niepert et al. (2021), paper eq. 18:
/// <c>SoG(k, tau, s) = tau/k (sum_{i=1..s} Gamma(shape = 1/k, scale = k/i) - log s)</c>. Adding it to each of n
/// scores makes perturb-and-MAP top-k samples follow the k-subset distribution more closely than Gumbel noise.
/// </summary>
/// <remarks>
/// <para>The second Gamma parameter is a <em>scale</em> (mean <c>shape x scale = 1/i</c>), as the paper states; the
/// paper's own notebook passes <c>k/i</c> as a rate, which samples a different distribution.</para>
/// <para>Moments: <c>E = tau/k (H_s - log s)</c> (H_s the harmonic number; tends to <c>gamma_Euler tau/k</c>, not 0),
/// <c>Var = tau^2/k sum_{i=1..s} 1/i^2</c>.</para>
/// <para>Recommended: k = the number of ones in a solution (top-k), tau = 1 to 10, s = 10 (the paper uses
/// k = 10, tau = 10, s = 10 for the DVAE, Suppl. 6.4). Draws use an owned <see cref="XoshiroRandom"/>, seeded at construction.</para>
/// </remarks>
public sealed class SumOfGammaNoise : INoise
{
    private Random _random;

    /// <summary>Creates the noise.</summary>
    /// <param name="k">k &gt;= 1: the Gamma shape is 1/k.</param>
    /// <param name="temperature">tau &gt; 0, finite.</param>
    /// <param name="terms">s &gt;= 1: the number of Gamma terms.</param>
    /// <param name="seed">The seed of the owned generator.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public SumOfGammaNoise(int k, double temperature, int terms, ulong seed)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Sum-of-Gamma noise needs k >= 1 (the number of ones in a top-k solution).");
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Sum-of-Gamma noise needs a temperature tau > 0 (finite).");
        if (terms < 1) throw new ArgumentOutOfRangeException(nameof(terms), terms, "Sum-of-Gamma noise needs s >= 1 terms; the paper uses 10.");
        K = k;
        Temperature = temperature;
        Terms = terms;
        _random = RandomFor(seed);
    }

    /// <summary>k in eq. 18.</summary>
    public int K { get; }

    /// <summary>tau in eq. 18.</summary>
    public double Temperature { get; }

    /// <summary>s in eq. 18.</summary>
    public int Terms { get; }

    /// <inheritdoc />
    public string Name => "sog";

    /// <summary>The analytic mean <c>tau/k (H_s - log s)</c>.</summary>
    public double Mean => Temperature / K * (Enumerable.Range(1, Terms).Sum(i => 1.0 / i) - Math.Log(Terms));

    /// <summary>The analytic variance <c>tau^2/k sum 1/i^2</c>.</summary>
    public double Variance => Temperature * Temperature / K * Enumerable.Range(1, Terms).Sum(i => 1.0 / ((double)i * i));

    /// <summary>Draws one variate from the owned generator.</summary>
    public double Sample() => Sample(_random);

    private double Sample(Random random)
    {
        var shape = 1.0 / K;
        var sum = 0.0;
        for (var i = 1; i <= Terms; i++) sum += GammaSampler.Sample(random, shape, (double)K / i);
        return Temperature / K * (sum - Math.Log(Terms));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Large tensors are drawn in parallel: each call takes one seed from the owned generator and fills fixed chunks of
    /// <see cref="ChunkLength"/> entries from generators seeded by (that seed, chunk index), so the values do not depend
    /// on the number of threads.
    /// </remarks>
    public Tensor SampleLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        var values = new double[like.numel()];
        var callSeed = (ulong)_random.NextInt64();
        var chunks = (values.Length + ChunkLength - 1) / ChunkLength;
        Parallel.For(0, chunks, chunk =>
        {
            var random = RandomFor(SeedMixer.Mix(callSeed, chunk));
            var end = Math.Min(values.Length, (chunk + 1) * ChunkLength);
            for (var i = chunk * ChunkLength; i < end; i++) values[i] = Sample(random);
        });
        using var draws = tensor(values, like.shape, ScalarType.Float64, device: CPU);
        return draws.to(like.dtype, like.device);
    }

    /// <summary>Entries per independently seeded chunk of <see cref="SampleLike"/>.</summary>
    public const int ChunkLength = 4096;

    /// <inheritdoc />
    public void Dispose() { }

    /// <inheritdoc />
    public void Reseed(ulong seed) => _random = RandomFor(seed);

    private static Random RandomFor(ulong seed) => new XoshiroRandom(seed);
}
