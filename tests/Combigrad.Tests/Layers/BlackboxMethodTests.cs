using Combigrad.Layers;
using Combigrad.Projections;
using Combigrad.Solvers;
using static Combigrad.Tests.LayerTesting;

namespace Combigrad.Tests.Layers;

public sealed class BlackboxMethodTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(5.0)]
    [InlineData(20.0)]
    public void Backward_NoProjection_EqualsEquation4ComputedByHand(double lambda)
    {
        var random = new Random(5);
        const int n = 7;
        var solver = new RankingSolver(n);
        using var layer = new SolverLayer(solver, new BlackboxMethod(lambda), new SolverLayerOptions { Projection = CostProjection.None });
        var nonZeroGradients = 0;
        for (var trial = 0; trial < 100; trial++)
        {
            var w = RandomVector(random, n);
            var g = RandomVector(random, n);
            var (solution, gradient) = ForwardBackward(layer, w, g, [n]);

            var y = new float[n];
            var yLambda = new float[n];
            solver.Solve(w, y);
            solver.Solve(w.Select((x, i) => (float)(x + lambda * g[i])).ToArray(), yLambda);
            Assert.Equal(y.Select(x => (double)x), solution);
            for (var i = 0; i < n; i++)
                Assert.Equal((yLambda[i] - y[i]) / lambda, gradient[i], GradientTolerance);
            if (gradient.Any(x => x != 0)) nonZeroGradients++;
        }
        Assert.True(nonZeroGradients > 10, "the test must exercise non-zero BB gradients");
    }

    [Fact]
    public void Backward_SphereProjection_ChainsEquation4ThroughTheSphereJacobian()
    {
        var random = new Random(11);
        const int n = 5;
        const double lambda = 2.0;
        var solver = new RankingSolver(n);
        using var layer = new SolverLayer(solver, new BlackboxMethod(lambda), new SolverLayerOptions { Projection = CostProjection.Sphere });
        for (var trial = 0; trial < 50; trial++)
        {
            var w = RandomVector(random, n, scale: 2);
            var g = RandomVector(random, n);
            var (_, gradient) = ForwardBackward(layer, w, g, [n]);

            var wd = w.Select(x => (double)x).ToArray();
            var norm = Math.Sqrt(wd.Sum(x => x * x));
            var projected = wd.Select(x => (float)(x / norm)).ToArray();
            var y = new float[n];
            var yLambda = new float[n];
            solver.Solve(projected, y);
            solver.Solve(projected.Select((x, i) => (float)(x + lambda * g[i])).ToArray(), yLambda);
            var bbGradient = y.Select((v, i) => (yLambda[i] - v) / lambda).ToArray();
            var expected = TransposeTimes(SphereJacobian(wd), bbGradient);
            for (var i = 0; i < n; i++)
                Assert.Equal(expected[i], gradient[i], 1e-4);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonPositiveLambda_Throws(double lambda)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BlackboxMethod(lambda));
        Assert.Contains("lambda", error.Message);
    }
}
