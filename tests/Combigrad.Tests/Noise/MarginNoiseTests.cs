using Combigrad.Layers;
using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Tests.Noise;

public sealed class MarginNoiseTests
{
    private const double Alpha = 0.4;

    [Fact]
    public void SampleLike_ManyDraws_TakesOnlyPlusMinusHalfAlphaWithMeanZero()
    {
        using var scope = NewDisposeScope();
        using var noise = new MarginNoise(Alpha, seed: 1);
        var values = noise.SampleLike(zeros(200, 500)).data<float>().ToArray();
        Assert.All(values, v => Assert.True(Math.Abs(Math.Abs(v) - Alpha / 2) < 1e-7, $"value {v} outside {{-alpha/2, +alpha/2}}"));
        var mean = values.Average(v => (double)v);
        var standardError = Alpha / 2 / Math.Sqrt(values.Length);
        Assert.True(Math.Abs(mean) < 5 * standardError, $"mean {mean} is not 0 within 5 standard errors ({standardError})");
        var positiveShare = values.Count(v => v > 0) / (double)values.Length;
        Assert.InRange(positiveShare, 0.49, 0.51);
    }

    [Fact]
    public void SampleLike_SameSeed_SameDraws()
    {
        using var scope = NewDisposeScope();
        using var first = new MarginNoise(Alpha, seed: 9);
        using var second = new MarginNoise(Alpha, seed: 9);
        Assert.Equal(first.SampleLike(zeros(64)).data<float>().ToArray(), second.SampleLike(zeros(64)).data<float>().ToArray());
    }

    [Fact]
    public void Forward_TrainingVersusEval_NoiseOnlyInTraining()
    {
        // Top-1 of costs that are all equal but for tiny gaps: noise of 1.0 must change the choice often in training,
        // and eval must always return the noiseless argmin.
        const int n = 8;
        var solver = new TopKSolver(n, 1);
        using var layer = new SolverLayer(solver, new IdentityMethod(),
            new SolverLayerOptions { Projection = CostProjection.None, NoiseMagnitude = 1.0, NoiseSeed = 3 });
        var costs = Enumerable.Range(0, n).Select(i => i * 0.01f).ToArray();
        using var scope = NewDisposeScope();
        var w = tensor(costs).expand(100, n).contiguous();

        layer.train();
        var trainingChoices = layer.call(w).argmax(1).data<long>().ToArray();
        Assert.Contains(trainingChoices, c => c != 0);

        layer.eval();
        var evalChoices = layer.call(w).argmax(1).data<long>().ToArray();
        Assert.All(evalChoices, c => Assert.Equal(0L, c));

        layer.train();
        layer.NoiseEnabled = false;
        Assert.All(layer.call(w).argmax(1).data<long>().ToArray(), c => Assert.Equal(0L, c));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidMagnitude_Throws(double magnitude)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarginNoise(magnitude, 0));
    }
}
