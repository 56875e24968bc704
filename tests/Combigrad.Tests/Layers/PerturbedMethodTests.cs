using Combigrad.Layers;
using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;
using Combigrad.Testing;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Layers;

public sealed class PerturbedMethodTests
{
    private const ulong Seed = 29;

    [Theory]
    [InlineData(PerturbationKind.Additive)]
    [InlineData(PerturbationKind.Multiplicative)]
    public void ForwardBackward_ReplayedDraws_EqualBerthetEstimatorsComputedByHand(PerturbationKind kind)
    {
        // Forward: 1/M sum_m y(w_m); backward: 1/(eps M) sum_m <y(w_m), g> Z_m (divided by w for the multiplicative kind).
        const int n = 4;
        const int samples = 5;
        const int batch = 3;
        const double eps = 0.8;
        var random = new Random(2);
        var solver = new RankingSolver(n);
        using var layer = new SolverLayer(solver, new PerturbedMethod(eps, samples, kind, Seed), new SolverLayerOptions { Projection = CostProjection.None });
        using var replay = new GaussianNoise(1.0, Seed);
        var multiplicative = kind == PerturbationKind.Multiplicative;
        for (var trial = 0; trial < 20; trial++)
        {
            var w = Enumerable.Range(0, batch * n).Select(_ => (float)(multiplicative ? 0.2 + random.NextDouble() : random.NextDouble() * 2 - 1)).ToArray();
            var g = RandomVector(random, batch * n);
            var (solution, gradient) = ForwardBackward(layer, w, g, [batch, n]);
            float[] z;
            using (NewDisposeScope()) z = replay.SampleLike(zeros(samples, batch, n)).data<float>().ToArray();

            for (var b = 0; b < batch; b++)
            {
                var expectedSolution = new double[n];
                var expectedGradient = new double[n];
                for (var m = 0; m < samples; m++)
                {
                    var offset = (m * batch + b) * n;
                    var perturbed = Enumerable.Range(0, n).Select(i => multiplicative
                        ? (float)(w[b * n + i] * Math.Exp(eps * z[offset + i] - eps * eps / 2))
                        : (float)(w[b * n + i] + eps * z[offset + i])).ToArray();
                    var y = solver.SolveToArray(perturbed);
                    var inner = Enumerable.Range(0, n).Sum(i => (double)y[i] * g[b * n + i]);
                    for (var i = 0; i < n; i++)
                    {
                        expectedSolution[i] += y[i] / (double)samples;
                        expectedGradient[i] += inner * z[offset + i] / (eps * samples) / (multiplicative ? w[b * n + i] : 1.0);
                    }
                }
                for (var i = 0; i < n; i++)
                {
                    Assert.Equal(expectedSolution[i], solution[b * n + i], 6);
                    Assert.Equal(expectedGradient[i], gradient[b * n + i], 1e-4 * Math.Max(1, Math.Abs(expectedGradient[i])));
                }
            }
        }
    }

    public static TheoryData<PerturbationKind, ObjectiveSense> ClosedFormCases => new()
    {
        { PerturbationKind.Additive, ObjectiveSense.Minimize },
        { PerturbationKind.Additive, ObjectiveSense.Maximize },
        { PerturbationKind.Multiplicative, ObjectiveSense.Minimize },
    };

    [Theory]
    [MemberData(nameof(ClosedFormCases))]
    public void ExpectedOutputAndJacobian_TwoItems_MatchGaussianClosedForm(PerturbationKind kind, ObjectiveSense sense)
    {
        // Y = {e0, e1}: y_eps(w)_0 = P(w0 + eps Z0 < w1 + eps Z1) = Phi(d), d = (w1 - w0) / (eps sqrt 2) (additive), or with
        // log w in place of w (multiplicative). dy0/dw0 = -phi(d) / (eps sqrt 2) (times 1/w0), dy0/dw1 = +phi(d) / (eps sqrt 2) (times 1/w1).
        // For scores s (maximise), w = -s, so dy0/ds = -dy0/dw.
        const int samples = 100_000;
        const double eps = 0.5;
        var multiplicative = kind == PerturbationKind.Multiplicative;
        double[] input = multiplicative ? [1.0, 1.5] : [0.2, 0.5];
        var sign = sense == ObjectiveSense.Maximize ? -1.0 : 1.0;
        var w = input.Select(x => sign * x).ToArray();
        using var layer = new SolverLayer(new TopKSolver(2, 1), new PerturbedMethod(eps, samples, kind, Seed),
            new SolverLayerOptions { Projection = CostProjection.None, Sense = sense });
        var (solution, gradient) = ForwardBackward(layer, input.Select(x => (float)x).ToArray(), [1f, 0f], [2]);

        var d = multiplicative ? (Math.Log(w[1]) - Math.Log(w[0])) / (eps * Math.Sqrt(2)) : (w[1] - w[0]) / (eps * Math.Sqrt(2));
        var slope = MonteCarlo.NormalPdf(d) / (eps * Math.Sqrt(2));
        double[] expectedGradient = multiplicative ? [-slope / w[0], slope / w[1]] : [-sign * slope, sign * slope];
        Assert.True(Math.Abs(solution[0] - MonteCarlo.NormalCdf(d)) < MonteCarlo.MeanTolerance(0.5, samples), $"E[y0] {solution[0]} vs {MonteCarlo.NormalCdf(d)}");
        // One draw of the estimator <y, g> Z_i / eps (/ w_i) has standard deviation at most 1/eps (/ w_i).
        for (var i = 0; i < 2; i++)
        {
            var tolerance = MonteCarlo.MeanTolerance(1 / eps / (multiplicative ? w[i] : 1), samples);
            Assert.True(Math.Abs(gradient[i] - expectedGradient[i]) < tolerance, $"dy0/dw{i}: {gradient[i]} vs {expectedGradient[i]} (tolerance {tolerance})");
        }
    }

    [Fact]
    public void Forward_EvalMode_ReturnsExactSolution()
    {
        var solver = new RankingSolver(4);
        using var layer = new SolverLayer(solver, new PerturbedMethod(1, 10, seed: Seed), new SolverLayerOptions { Projection = CostProjection.None });
        layer.eval();
        float[] w = [0.4f, -0.2f, 0.9f, 0.1f];
        Assert.Equal(solver.SolveToArray(w).Select(v => (double)v), ForwardBackward(layer, w, new float[4], [4]).Solution);
    }

    [Fact]
    public void Forward_MultiplicativeWithNonPositiveCost_ThrowsArgumentException()
    {
        using var layer = new SolverLayer(new RankingSolver(3), new PerturbedMethod(1, 2, PerturbationKind.Multiplicative), new SolverLayerOptions { Projection = CostProjection.None });
        var error = Assert.Throws<ArgumentException>(() => ForwardBackward(layer, [0.5f, 0f, 1f], new float[3], [3]));
        Assert.Contains("positive", error.Message);
    }

    [Fact]
    public void Constructor_InvalidHyperparameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerturbedMethod(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerturbedMethod(1, 0));
    }
}
