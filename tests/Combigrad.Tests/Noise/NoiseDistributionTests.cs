using Combigrad.Noise;
using static TorchSharp.torch;

namespace Combigrad.Tests.Noise;

public sealed class NoiseDistributionTests
{
    private const int Draws = 200_000;

    private static double[] Draw(INoise noise, int count)
    {
        using var scope = NewDisposeScope();
        return noise.SampleLike(zeros([count], ScalarType.Float64)).data<double>().ToArray();
    }

    private static void AssertMoments(double[] values, double mean, double variance, double fourthCumulant, string what)
    {
        var (sampleMean, sampleVariance) = MonteCarlo.Moments(values);
        var meanTolerance = MonteCarlo.MeanTolerance(Math.Sqrt(variance), values.Length);
        var varianceTolerance = MonteCarlo.VarianceTolerance(variance, fourthCumulant, values.Length);
        Assert.True(Math.Abs(sampleMean - mean) < meanTolerance, $"{what}: mean {sampleMean} vs {mean} (tolerance {meanTolerance})");
        Assert.True(Math.Abs(sampleVariance - variance) < varianceTolerance, $"{what}: variance {sampleVariance} vs {variance} (tolerance {varianceTolerance})");
    }

    [Theory]
    [InlineData(0.1, 10.0 / 3)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.5, 0.4)]
    public void GammaSampler_ManyDraws_MatchesShapeTimesScaleMomentsAndFourthCumulant(double shape, double scale)
    {
        var random = new Random(21);
        var values = Enumerable.Range(0, Draws).Select(_ => GammaSampler.Sample(random, shape, scale)).ToArray();
        Assert.All(values, v => Assert.True(v >= 0));
        AssertMoments(values, shape * scale, shape * scale * scale, 6 * shape * Math.Pow(scale, 4), $"Gamma({shape}, {scale})");
    }

    [Theory]
    [InlineData(1, 1.0, 10)]
    [InlineData(5, 1.0, 10)]
    [InlineData(10, 10.0, 10)]
    public void SumOfGamma_ManyDraws_MatchesEquation18WithScaleParameterisation(int k, double tau, int s)
    {
        // E[Gamma(1/k, k/i)] = 1/i and Var = k/i^2, so E[SoG] = tau/k (H_s - log s) and Var[SoG] = tau^2/k sum 1/i^2.
        // Fourth cumulant: (tau/k)^4 sum 6 (1/k) (k/i)^4 = 6 tau^4 / k sum 1/i^4.
        using var noise = new SumOfGammaNoise(k, tau, s, seed: 3);
        var harmonic = Enumerable.Range(1, s).Sum(i => 1.0 / i);
        var mean = tau / k * (harmonic - Math.Log(s));
        var variance = tau * tau / k * Enumerable.Range(1, s).Sum(i => 1.0 / ((double)i * i));
        var kappa4 = 6 * Math.Pow(tau, 4) / k * Enumerable.Range(1, s).Sum(i => Math.Pow(i, -4));
        Assert.Equal(mean, noise.Mean, 12);
        Assert.Equal(variance, noise.Variance, 12);
        AssertMoments(Draw(noise, Draws), mean, variance, kappa4, $"SoG({k}, {tau}, {s})");
    }

    [Fact]
    public void SumOfGamma_ParallelChunks_AreIndependentStreamsAndCallsDiffer()
    {
        using var noise = new SumOfGammaNoise(10, 10, 10, seed: 8);
        var length = 3 * SumOfGammaNoise.ChunkLength + 5;
        var first = Draw(noise, length);
        var second = Draw(noise, length);
        var chunk = SumOfGammaNoise.ChunkLength;
        Assert.NotEqual(first[..chunk], first[chunk..(2 * chunk)]);
        Assert.NotEqual(first, second);
        Assert.True(first.Distinct().Count() > length - 10, "draws within one call repeat");
        noise.Reseed(8);
        Assert.Equal(first, Draw(noise, length));
    }

    [Fact]
    public void SumOfGamma_RateInsteadOfScale_WouldGiveADifferentMean()
    {
        // Guards the parameterisation: the notebook's rate k/i would give E[Gamma] = (1/k)(i/k), so for k = 5, s = 10 the
        // mean would be tau/k (sum i/k^2 - log s) = 0.2 (2.2 - 2.303) = -0.02, versus 0.2 (2.929 - 2.303) = 0.125 here.
        using var noise = new SumOfGammaNoise(5, 1.0, 10, seed: 4);
        var values = Draw(noise, Draws);
        Assert.True(values.Average() > 0.1, $"mean {values.Average()} should be near 0.125");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    public void Gumbel_ManyDraws_MeanEulerGammaTimesScaleVariancePiSquaredOverSix(double scale)
    {
        // Excess kurtosis of the Gumbel distribution is 12/5, so kappa4 = 2.4 sigma^4.
        using var noise = new GumbelNoise(scale, seed: 5);
        var variance = scale * scale * Math.PI * Math.PI / 6;
        AssertMoments(Draw(noise, Draws), GumbelNoise.EulerGamma * scale, variance, 2.4 * variance * variance, "Gumbel");
    }

    [Fact]
    public void Gaussian_ManyDraws_MeanZeroVarianceSigmaSquared()
    {
        using var noise = new GaussianNoise(0.7, seed: 6);
        AssertMoments(Draw(noise, Draws), 0, 0.49, 0, "Gaussian");
    }

    [Fact]
    public void Margin_ManyDraws_MeanZeroVarianceAlphaSquaredOverFour()
    {
        // Rademacher times alpha/2: kappa4 = -2 (alpha/2)^4.
        const double alpha = 0.4;
        using var noise = new MarginNoise(alpha, seed: 7);
        var variance = alpha * alpha / 4;
        AssertMoments(Draw(noise, Draws), 0, variance, -2 * variance * variance, "margin");
    }

    [Fact]
    public void AllSamplers_SameSeed_SameDraws()
    {
        INoise[] first = [new GumbelNoise(1, 9), new GaussianNoise(1, 9), new SumOfGammaNoise(3, 2, 10, 9), new MarginNoise(1, 9)];
        INoise[] second = [new GumbelNoise(1, 9), new GaussianNoise(1, 9), new SumOfGammaNoise(3, 2, 10, 9), new MarginNoise(1, 9)];
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(Draw(first[i], 100), Draw(second[i], 100));
            first[i].Dispose();
            second[i].Dispose();
        }
    }

    [Fact]
    public void Constructors_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumOfGammaNoise(0, 1, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumOfGammaNoise(1, 0, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SumOfGammaNoise(1, 1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GumbelNoise(double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaSampler.Sample(new Random(0), 0, 1));
    }
}
