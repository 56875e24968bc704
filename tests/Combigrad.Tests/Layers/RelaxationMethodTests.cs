using Combigrad.Layers;
using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;
using Combigrad.Testing;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Layers;

public sealed class RelaxationMethodTests
{
    private const ulong Seed = 41;

    private static float[] Draw(INoise noise, long[] shape)
    {
        using var scope = NewDisposeScope();
        return noise.SampleLike(zeros(shape)).data<float>().ToArray();
    }

    [Theory]
    [InlineData(ObjectiveSense.Minimize)]
    [InlineData(ObjectiveSense.Maximize)]
    public void StraightThrough_Backward_IsIdentityInTheScoreConvention(ObjectiveSense sense)
    {
        // dy/dtheta = I for scores (maximise); for costs (w = -theta) dL/dw = -dL/dy.
        var random = new Random(4);
        var solver = new RankingSolver(5);
        using var layer = new SolverLayer(solver, new StraightThroughMethod(), new SolverLayerOptions { Projection = CostProjection.None, Sense = sense });
        var sign = sense == ObjectiveSense.Maximize ? 1.0 : -1.0;
        for (var trial = 0; trial < 20; trial++)
        {
            var w = RandomVector(random, 5);
            var g = RandomVector(random, 5);
            var (solution, gradient) = ForwardBackward(layer, w, g, [5]);
            var costs = sense == ObjectiveSense.Maximize ? w.Select(x => -x).ToArray() : w;
            Assert.Equal(solver.SolveToArray(costs).Select(v => (double)v), solution);
            Assert.Equal(g.Select(x => sign * x), gradient);
        }
    }

    [Theory]
    [InlineData(false, ObjectiveSense.Minimize)]
    [InlineData(true, ObjectiveSense.Minimize)]
    [InlineData(true, ObjectiveSense.Maximize)]
    public void GumbelSoftmax_ReplayedNoise_ForwardAndBackwardMatchJang(bool hard, ObjectiveSense sense)
    {
        // p = softmax((theta + G) / tau), theta = -w; soft forward p, hard forward onehot(argmax(theta + G)); both backward
        // J_p^T g = (1/tau) (diag p - p p^T) g w.r.t. theta.
        const int n = 4;
        const double tau = 0.5;
        var random = new Random(6);
        var solver = new TopKSolver(n, 1);
        using var layer = new SolverLayer(solver, new GumbelSoftmaxMethod(tau, hard, Seed), new SolverLayerOptions { Projection = CostProjection.None, Sense = sense });
        using var replay = new GumbelNoise(1.0, Seed);
        for (var trial = 0; trial < 30; trial++)
        {
            var input = RandomVector(random, n);
            var g = RandomVector(random, n);
            var (solution, gradient) = ForwardBackward(layer, input, g, [n]);
            var gumbel = Draw(replay, [1, n]);
            var theta = input.Select(x => sense == ObjectiveSense.Maximize ? (double)x : -x).ToArray();
            var p = MonteCarlo.Softmax(theta.Select((t, i) => (t + gumbel[i]) / tau).ToArray());
            var pg = Enumerable.Range(0, n).Sum(i => p[i] * g[i]);
            var thetaGradient = p.Select((pi, i) => pi * (g[i] - pg) / tau).ToArray();
            var expectedGradient = thetaGradient.Select(x => sense == ObjectiveSense.Maximize ? x : -x).ToArray();
            var argmax = Enumerable.Range(0, n).MaxBy(i => theta[i] + gumbel[i]);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(hard ? (i == argmax ? 1.0 : 0.0) : p[i], solution[i], 1e-5);
                Assert.Equal(expectedGradient[i], gradient[i], 1e-5);
            }
        }
    }

    [Fact]
    public void GumbelSoftmax_HardSamplesOfTopOne_HaveMeanSoftmaxOfScores()
    {
        const int n = 4;
        const int draws = 40_000;
        float[] scores = [0.3f, -0.2f, 0.8f, 0.1f];
        using var layer = new SolverLayer(new TopKSolver(n, 1), new GumbelSoftmaxMethod(1.0, hard: true, Seed),
            new SolverLayerOptions { Projection = CostProjection.None, Sense = ObjectiveSense.Maximize });
        using var scope = NewDisposeScope();
        var mean = ToDoubles(layer.call(tensor(scores).expand(draws, n).contiguous()).mean([0]));
        var expected = MonteCarlo.Softmax(scores.Select(s => (double)s).ToArray());
        for (var i = 0; i < n; i++)
            Assert.True(Math.Abs(mean[i] - expected[i]) < MonteCarlo.MeanTolerance(0.5, draws), $"{mean[i]} vs {expected[i]}");
    }

    [Fact]
    public void IdentitySampler_SumOfGammaNoise_SamplesTopKOfPerturbedScoresAndBackpropagatesThroughTheProjection()
    {
        // Scores s -> x = -s - xi -> P = P_sphere o P_plane -> top-k -> identity: dL/ds = P'(x)^T g.
        const int n = 5;
        const int k = 2;
        var random = new Random(9);
        var solver = new TopKSolver(n, k);
        using var noise = new SumOfGammaNoise(k, 1.0, 10, seed: 3);
        using var replay = new SumOfGammaNoise(k, 1.0, 10, seed: 3);
        using var sampler = IdentitySampler.Create(solver, noise);
        for (var trial = 0; trial < 30; trial++)
        {
            var scores = RandomVector(random, n);
            var g = RandomVector(random, n);
            var (solution, gradient) = ForwardBackward(sampler, scores, g, [n]);
            var xi = Draw(replay, [1, n]);
            var x = scores.Select((s, i) => -s - xi[i]).ToArray();
            Assert.Equal(solver.SolveToArray(x).Select(v => (double)v), solution);
            var xd = x.Select(v => (double)v).ToArray();
            var expected = TransposeTimes(Multiply(SphereJacobian(Plane(xd)), PlaneJacobian(n)), g.Select(v => (double)v).ToArray());
            for (var i = 0; i < n; i++)
                Assert.Equal(expected[i], gradient[i], 1e-4);
        }
    }

    [Fact]
    public void SolverLayer_MarginAndPerturbationNoiseTogether_Throws()
    {
        using var noise = new GumbelNoise(1, 0);
        Assert.Throws<ArgumentException>(() => new SolverLayer(new TopKSolver(3, 1), new IdentityMethod(),
            new SolverLayerOptions { NoiseMagnitude = 0.1, PerturbationNoise = noise }));
    }

    [Theory]
    [InlineData(ObjectiveSense.Minimize)]
    [InlineData(ObjectiveSense.Maximize)]
    public void InformedMargin_Training_ShiftsTargetByPlusHalfAlphaAndOthersByMinusHalfAlphaInCostConvention(ObjectiveSense sense)
    {
        const double alpha = 0.4;
        using var margin = new InformedMargin(alpha, sense);
        using var scope = NewDisposeScope();
        float[] input = [0.1f, 0.2f, 0.3f];
        float[] target = [1f, 0f, 1f];
        var w = tensor(input).requires_grad_(true);
        var shifted = margin.call(w, tensor(target));
        var sign = sense == ObjectiveSense.Maximize ? -1 : 1;
        var values = ToDoubles(shifted);
        for (var i = 0; i < 3; i++)
            Assert.Equal(input[i] + sign * (target[i] == 1 ? alpha / 2 : -alpha / 2), values[i], 1e-6);
        shifted.sum().backward();
        Assert.All(ToDoubles(w.grad!), v => Assert.Equal(1.0, v));

        margin.eval();
        Assert.Equal(input.Select(v => (double)v), ToDoubles(margin.call(tensor(input), tensor(target))));
    }

    [Fact]
    public void InformedMargin_BeforeTopK_RequiresTheTargetToWinByAlpha()
    {
        // w favours the target {0} by 0.3 < alpha = 0.4, so with the margin the solver picks the other item.
        var solver = new TopKSolver(2, 1);
        using var margin = new InformedMargin(0.4);
        using var scope = NewDisposeScope();
        var shifted = margin.call(tensor(new[] { 0.0f, 0.3f }), tensor(new[] { 1f, 0f })).data<float>().ToArray();
        Assert.Equal([0f, 1f], solver.SolveToArray(shifted));
    }
}
