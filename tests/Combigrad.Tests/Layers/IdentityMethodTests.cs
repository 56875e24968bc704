using Combigrad.Layers;
using Combigrad.Projections;
using Combigrad.Solvers;
using static Combigrad.Tests.LayerTesting;

namespace Combigrad.Tests.Layers;

public sealed class IdentityMethodTests
{
    private const int N = 6;

    public static TheoryData<string> Projections => new() { "none", "plane", "sphere", "plane+sphere" };

    [Theory]
    [MemberData(nameof(Projections))]
    public void Backward_RandomCostsAndGradients_EqualsMinusProjectionJacobianTransposeTimesIncomingGradient(string projectionName)
    {
        var random = new Random(17);
        var solver = new RankingSolver(N);
        using var layer = new SolverLayer(solver, new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.Parse(projectionName) });
        for (var trial = 0; trial < 50; trial++)
        {
            var w = RandomVector(random, N, scale: 3);
            var g = RandomVector(random, N);
            var (_, gradient) = ForwardBackward(layer, w, g, [N]);

            var wd = w.Select(x => (double)x).ToArray();
            var jacobian = projectionName switch
            {
                "none" => IdentityMatrix(N),
                "plane" => PlaneJacobian(N),
                "sphere" => SphereJacobian(wd),
                _ => Multiply(SphereJacobian(Plane(wd)), PlaneJacobian(N)),
            };
            var expected = TransposeTimes(jacobian, g.Select(x => (double)x).ToArray()).Select(x => -x).ToArray();
            for (var i = 0; i < N; i++)
                Assert.Equal(expected[i], gradient[i], GradientTolerance * Math.Max(1, Math.Abs(expected[i])));
        }
    }

    [Fact]
    public void Forward_AnyLeadingShape_SolvesEachInstanceExactly()
    {
        var random = new Random(3);
        var solver = new RankingSolver(N);
        using var layer = new SolverLayer(solver, new IdentityMethod());
        var w = RandomVector(random, 2 * 3 * N);
        var (solution, _) = ForwardBackward(layer, w, new float[w.Length], [2, 3, N]);
        var expected = new float[N];
        for (var b = 0; b < 6; b++)
        {
            solver.Solve(w.AsSpan(b * N, N), expected);
            Assert.Equal(expected.Select(x => (double)x), solution.Skip(b * N).Take(N));
        }
    }

    [Fact]
    public void Forward_MaximizeSense_ReturnsArgmaxAndFlipsGradientSign()
    {
        var solver = new TopKSolver(4, 1);
        using var minimizing = new SolverLayer(solver, new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.None });
        using var maximizing = new SolverLayer(solver, new IdentityMethod(),
            new SolverLayerOptions { Projection = CostProjection.None, Sense = ObjectiveSense.Maximize });
        float[] scores = [0.1f, 0.9f, -0.3f, 0.4f];
        float[] g = [1f, 2f, 3f, 4f];
        var (minSolution, minGradient) = ForwardBackward(minimizing, scores, g, [4]);
        var (maxSolution, maxGradient) = ForwardBackward(maximizing, scores, g, [4]);
        Assert.Equal([0.0, 0.0, 1.0, 0.0], minSolution);
        Assert.Equal([0.0, 1.0, 0.0, 0.0], maxSolution);
        Assert.Equal(minGradient.Select(x => -x), maxGradient);
        Assert.Equal([-1.0, -2.0, -3.0, -4.0], minGradient);
    }
}
