using Combigrad.Layers;
using Combigrad.Losses;
using Combigrad.Noise;
using Combigrad.Solvers;
using Combigrad.Testing;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Losses;

public sealed class FenchelYoungLossTests
{
    private const ulong Seed = 31;

    private static (double Value, double[] Gradient) ValueAndGradient(FenchelYoungLoss loss, float[] costs, float[] target, long[] shape)
    {
        using var scope = NewDisposeScope();
        var w = tensor(costs, shape).requires_grad_(true);
        var value = loss.call(w, tensor(target, shape));
        value.backward();
        return (value.to(ScalarType.Float64).item<double>(), ToDoubles(w.grad!));
    }

    private static float[] RandomTopK(Random random, int n, int k)
    {
        var y = new float[n];
        foreach (var i in Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k)) y[i] = 1;
        return y;
    }

    [Theory]
    [InlineData(PerturbationKind.Additive, 0.1)]
    [InlineData(PerturbationKind.Additive, 1.0)]
    [InlineData(PerturbationKind.Multiplicative, 0.5)]
    public void Value_RandomCostsAndTargets_IsNonNegativeForEveryDraw(PerturbationKind kind, double eps)
    {
        const int n = 5;
        var random = new Random(3);
        var solver = new TopKSolver(n, 2);
        using var loss = new FenchelYoungLoss(solver, eps, samples: 3, kind, Seed);
        for (var trial = 0; trial < 100; trial++)
        {
            var w = Enumerable.Range(0, n).Select(_ => (float)(kind == PerturbationKind.Multiplicative ? 0.1 + random.NextDouble() : random.NextDouble() * 2 - 1)).ToArray();
            var (value, _) = ValueAndGradient(loss, w, RandomTopK(random, n, 2), [n]);
            Assert.True(value >= -1e-6, $"trial {trial}: loss {value} < 0");
        }
    }

    [Fact]
    public void Value_TargetIsTheSolutionWithMarginAboveThePerturbation_IsExactlyZero()
    {
        // w has a gap of 1 between the 2nd and 3rd smallest cost; with eps = 1e-3 no draw of eps Z (|Z| < 6 at this
        // sample size) can change the solution, so every perturbed problem has y* as minimiser and the loss is 0.
        const int n = 5;
        var solver = new TopKSolver(n, 2);
        float[] w = [0f, 1f, 2f, 3f, 4f];
        float[] target = [1f, 1f, 0f, 0f, 0f];
        using var tiny = new FenchelYoungLoss(solver, 1e-3, samples: 50, seed: Seed);
        var (value, gradient) = ValueAndGradient(tiny, w, target, [n]);
        Assert.Equal(0.0, value, 6);
        Assert.All(gradient, x => Assert.Equal(0.0, x, 6));

        using var wide = new FenchelYoungLoss(solver, 2.0, samples: 50, seed: Seed);
        Assert.True(ValueAndGradient(wide, w, target, [n]).Value > 0, "a perturbation wider than the margin must give a positive loss");
        Assert.True(ValueAndGradient(tiny, w, [0f, 0f, 0f, 1f, 1f], [n]).Value > 1, "a wrong target must give a positive loss");
    }

    [Theory]
    [InlineData(PerturbationKind.Additive)]
    [InlineData(PerturbationKind.Multiplicative)]
    public void Gradient_ReplayedDraws_EqualsTargetMinusMeanPerturbedSolution(PerturbationKind kind)
    {
        // dL/dw = 1/B (y* - 1/M sum_m y(w_m)) per instance (times m_m = exp(eps Z - eps^2/2) per draw when multiplicative).
        const int n = 4;
        const int samples = 6;
        const int batch = 3;
        const double eps = 0.7;
        var random = new Random(5);
        var solver = new RankingSolver(n);
        using var loss = new FenchelYoungLoss(solver, eps, samples, kind, Seed);
        using var replay = new GaussianNoise(1.0, Seed);
        var multiplicative = kind == PerturbationKind.Multiplicative;
        for (var trial = 0; trial < 20; trial++)
        {
            var w = Enumerable.Range(0, batch * n).Select(_ => (float)(multiplicative ? 0.2 + random.NextDouble() : random.NextDouble() * 2 - 1)).ToArray();
            var target = Enumerable.Range(0, batch).SelectMany(_ => solver.SolveToArray(RandomVector(random, n))).ToArray();
            var (value, gradient) = ValueAndGradient(loss, w, target, [batch, n]);
            float[] z;
            using (NewDisposeScope()) z = replay.SampleLike(zeros(samples, batch, n)).data<float>().ToArray();

            var expectedValue = 0.0;
            var expectedGradient = new double[batch * n];
            for (var b = 0; b < batch; b++)
                for (var m = 0; m < samples; m++)
                {
                    var offset = (m * batch + b) * n;
                    var factors = Enumerable.Range(0, n).Select(i => multiplicative ? Math.Exp(eps * z[offset + i] - eps * eps / 2) : 1.0).ToArray();
                    var perturbed = Enumerable.Range(0, n).Select(i => multiplicative ? (float)(w[b * n + i] * factors[i]) : (float)(w[b * n + i] + eps * z[offset + i])).ToArray();
                    var y = solver.SolveToArray(perturbed);
                    for (var i = 0; i < n; i++)
                    {
                        expectedValue += perturbed[i] * (target[b * n + i] - y[i]) / (samples * batch);
                        expectedGradient[b * n + i] += factors[i] * (target[b * n + i] - y[i]) / (samples * batch);
                    }
                }
            Assert.Equal(expectedValue, value, 1e-4 * Math.Max(1, Math.Abs(expectedValue)));
            for (var i = 0; i < batch * n; i++)
                Assert.Equal(expectedGradient[i], gradient[i], 1e-5);
        }
    }

    [Theory]
    [InlineData(ObjectiveSense.Minimize)]
    [InlineData(ObjectiveSense.Maximize)]
    public void ExpectedGradient_TwoItems_EqualsClosedFormOfPerturbedSolutionMinusTarget(ObjectiveSense sense)
    {
        // Costs (minimise): dL/dw = y* - E[y(w + eps Z)], E[y0] = Phi((w1 - w0) / (eps sqrt 2)).
        // Scores (maximise): dL/dtheta = E[y(theta + eps Z)] - y* (Berthet et al.'s form), E[y0] = Phi((theta0 - theta1) / (eps sqrt 2)).
        const int samples = 100_000;
        const double eps = 0.5;
        float[] input = [0.2f, 0.5f];
        float[] target = [0f, 1f];
        using var loss = new FenchelYoungLoss(new TopKSolver(2, 1), eps, samples, seed: Seed, sense: sense);
        var (_, gradient) = ValueAndGradient(loss, input, target, [2]);

        var difference = sense == ObjectiveSense.Minimize ? input[1] - input[0] : input[0] - input[1];
        var p0 = MonteCarlo.NormalCdf(difference / (eps * Math.Sqrt(2)));
        double[] expectedMean = [p0, 1 - p0];
        var tolerance = MonteCarlo.MeanTolerance(0.5, samples);
        for (var i = 0; i < 2; i++)
        {
            var expected = sense == ObjectiveSense.Minimize ? target[i] - expectedMean[i] : expectedMean[i] - target[i];
            Assert.True(Math.Abs(gradient[i] - expected) < tolerance, $"gradient {i}: {gradient[i]} vs {expected} (tolerance {tolerance})");
        }
    }

    [Fact]
    public void Forward_TargetOfWrongShape_ThrowsNamingTarget()
    {
        using var loss = new FenchelYoungLoss(new RankingSolver(3), 1, 2);
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => loss.call(zeros(2, 3), zeros(3, 2)));
        Assert.Contains("target", error.Message);
    }
}
