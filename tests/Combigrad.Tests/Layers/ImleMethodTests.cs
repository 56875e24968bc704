using Combigrad.Layers;
using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;
using Combigrad.Testing;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Layers;

public sealed class ImleMethodTests
{
    private const ulong Seed = 13;

    private static float[] DrawLike(INoise noise, int count)
    {
        using var scope = NewDisposeScope();
        return noise.SampleLike(zeros([1, count])).data<float>().ToArray();
    }

    [Theory]
    [InlineData(false, ObjectiveSense.Minimize)]
    [InlineData(true, ObjectiveSense.Minimize)]
    [InlineData(false, ObjectiveSense.Maximize)]
    [InlineData(true, ObjectiveSense.Maximize)]
    public void Backward_GumbelNoise_EqualsFiniteDifferenceAtThePerturbedCosts(bool twoSided, ObjectiveSense sense)
    {
        const int n = 5;
        const double lambda = 0.7;
        var random = new Random(8);
        var solver = new RankingSolver(n);
        using var layer = new SolverLayer(solver, new ImleMethod(lambda, new GumbelNoise(0.5, Seed), twoSided),
            new SolverLayerOptions { Projection = CostProjection.None, Sense = sense });
        using var replay = new GumbelNoise(0.5, Seed);
        var sign = sense == ObjectiveSense.Maximize ? -1f : 1f;
        var nonZero = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var input = RandomVector(random, n);
            var g = RandomVector(random, n);
            var (solution, gradient) = ForwardBackward(layer, input, g, [n]);

            var xi = DrawLike(replay, n);
            var perturbed = input.Select((x, i) => sign * x - xi[i]).ToArray();
            var y = solver.SolveToArray(perturbed);
            var up = solver.SolveToArray(perturbed.Select((x, i) => (float)(x + lambda * g[i])).ToArray());
            var down = twoSided ? solver.SolveToArray(perturbed.Select((x, i) => (float)(x - lambda * g[i])).ToArray()) : y;
            var divisor = twoSided ? 2 * lambda : lambda;
            Assert.Equal(y.Select(v => (double)v), solution);
            for (var i = 0; i < n; i++)
                Assert.Equal(sign * (up[i] - down[i]) / divisor, gradient[i], GradientTolerance);
            if (gradient.Any(v => v != 0)) nonZero++;
        }
        Assert.True(nonZero > 10, "the test must exercise non-zero I-MLE gradients");
    }

    [Theory]
    [InlineData(false, ObjectiveSense.Minimize)]
    [InlineData(true, ObjectiveSense.Minimize)]
    [InlineData(false, ObjectiveSense.Maximize)]
    [InlineData(true, ObjectiveSense.Maximize)]
    public void ExpectedGradient_TopOneWithStandardGumbel_EqualsSoftmaxFiniteDifference(bool twoSided, ObjectiveSense sense)
    {
        // Gumbel-max: for one-hot Y, E[y(w - G)] = softmax(-w). Hence E[forward] = softmax(-w) and
        // E[one-sided gradient] = (softmax(-w - lambda g) - softmax(-w)) / lambda,
        // E[two-sided gradient] = (softmax(-w - lambda g) - softmax(-w + lambda g)) / (2 lambda); for scores s, w = -s
        // and the gradient changes sign.
        const int n = 4;
        const int draws = 40_000;
        const double lambda = 1.0;
        double[] input = [0.3, -0.2, 0.8, 0.1];
        double[] g = [0.5, -0.4, 0.2, -0.9];
        var sign = sense == ObjectiveSense.Maximize ? -1.0 : 1.0;
        var w = input.Select(x => sign * x).ToArray();
        using var layer = new SolverLayer(new TopKSolver(n, 1), new ImleMethod(lambda, new GumbelNoise(1.0, Seed), twoSided),
            new SolverLayerOptions { Projection = CostProjection.None, Sense = sense });

        using var scope = NewDisposeScope();
        var costs = tensor(input.Select(x => (float)x).ToArray()).expand(draws, n).contiguous().requires_grad_(true);
        var y = layer.call(costs);
        (y * tensor(g.Select(x => (float)x).ToArray())).sum().backward();
        var meanSolution = ToDoubles(y.mean([0]));
        var meanGradient = ToDoubles(costs.grad!.mean([0]));

        var softmax = MonteCarlo.Softmax(w.Select(x => -x).ToArray());
        var up = MonteCarlo.Softmax(w.Select((x, i) => -(x + lambda * g[i])).ToArray());
        var down = twoSided ? MonteCarlo.Softmax(w.Select((x, i) => -(x - lambda * g[i])).ToArray()) : softmax;
        var divisor = twoSided ? 2 * lambda : lambda;
        var solutionTolerance = MonteCarlo.MeanTolerance(0.5, draws);
        var gradientTolerance = MonteCarlo.MeanTolerance(1 / divisor, draws);
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(meanSolution[i] - softmax[i]) < solutionTolerance, $"E[y]_{i}: {meanSolution[i]} vs {softmax[i]}");
            var expected = sign * (up[i] - down[i]) / divisor;
            Assert.True(Math.Abs(meanGradient[i] - expected) < gradientTolerance, $"E[grad]_{i}: {meanGradient[i]} vs {expected} (tolerance {gradientTolerance})");
        }
    }

    [Fact]
    public void Forward_EvalMode_ReturnsNoiselessSolution()
    {
        var solver = new TopKSolver(5, 2);
        using var layer = new SolverLayer(solver, new ImleMethod(1, new SumOfGammaNoise(2, 10, 10, 1)), new SolverLayerOptions { Projection = CostProjection.None });
        layer.eval();
        float[] w = [0.5f, 0.1f, 0.3f, 0.9f, 0.2f];
        var (solution, _) = ForwardBackward(layer, w, new float[5], [5]);
        Assert.Equal(solver.SolveToArray(w).Select(v => (double)v), solution);
    }

    [Fact]
    public void Forward_SumOfGammaNoise_SamplesTopKOfScoresPlusNoise()
    {
        const int n = 5;
        var solver = new TopKSolver(n, 2);
        using var layer = new SolverLayer(solver, new ImleMethod(1, new SumOfGammaNoise(2, 1, 10, 4)),
            new SolverLayerOptions { Projection = CostProjection.None, Sense = ObjectiveSense.Maximize });
        using var replay = new SumOfGammaNoise(2, 1, 10, 4);
        float[] scores = [0.5f, 0.1f, 0.3f, 0.9f, 0.2f];
        var (solution, _) = ForwardBackward(layer, scores, new float[n], [n]);
        var xi = DrawLike(replay, n);
        Assert.Equal(solver.SolveToArray(scores.Select((s, i) => -s - xi[i]).ToArray()).Select(v => (double)v), solution);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidLambda_ThrowsNamingLambda(double lambda)
    {
        using var noise = new GumbelNoise(1, 0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ImleMethod(lambda, noise));
        Assert.Contains("lambda", error.Message);
    }
}
