using Combigrad.Layers;
using Combigrad.Projections;
using Combigrad.Solvers;
using static Combigrad.Tests.LayerTesting;
using static TorchSharp.torch;

namespace Combigrad.Tests.Projections;

public sealed class ProjectionInvarianceTests
{
    public static TheoryData<string> Solvers => new() { "grid", "ranking", "topk" };

    private static ISolver Create(string name) => name switch
    {
        "grid" => new GridShortestPathSolver(5),
        "ranking" => new RankingSolver(9),
        _ => new TopKSolver(9, 3),
    };

    private static IEnumerable<ICostProjection> Admissible(ISolver solver)
    {
        yield return CostProjection.None;
        yield return CostProjection.Sphere;
        yield return CostProjection.Auto.ResolveFor(solver);
        if (solver.Facts.HasConstantSum && !solver.Facts.RequiresNonNegativeCosts)
        {
            yield return CostProjection.Plane;
            yield return CostProjection.PlaneThenSphere;
        }
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Solve_ProjectedCosts_EqualsSolutionOfRawCosts(string solverName)
    {
        var solver = Create(solverName);
        var random = new Random(23);
        var y = new float[solver.Dimension];
        var yProjected = new float[solver.Dimension];
        foreach (var projection in Admissible(solver))
        {
            for (var trial = 0; trial < 200; trial++)
            {
                var w = solver.Facts.RequiresNonNegativeCosts
                    ? Enumerable.Range(0, solver.Dimension).Select(_ => (float)(random.NextDouble() * 9 + 0.5)).ToArray()
                    : RandomVector(random, solver.Dimension, scale: 5);
                using var scope = NewDisposeScope();
                var projected = projection.Apply(tensor(w, [1, solver.Dimension])).data<float>().ToArray();
                solver.Solve(w, y);
                solver.Solve(projected, yProjected);
                Assert.Equal(y, yProjected);
            }
        }
    }

    [Fact]
    public void Auto_ConstantSumSolver_ResolvesToPlaneThenSphere()
    {
        Assert.Same(CostProjection.PlaneThenSphere, CostProjection.Auto.ResolveFor(new RankingSolver(4)));
        Assert.Same(CostProjection.PlaneThenSphere, CostProjection.Auto.ResolveFor(new TopKSolver(4, 2)));
    }

    [Fact]
    public void Auto_ShortestPath_ResolvesToSphereOnly()
    {
        Assert.Same(CostProjection.Sphere, CostProjection.Auto.ResolveFor(new GridShortestPathSolver(3)));
    }

    [Fact]
    public void Plane_SolverWithoutConstantSum_IsRejectedAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new SolverLayer(new GridShortestPathSolver(3), new IdentityMethod(), new SolverLayerOptions { Projection = CostProjection.PlaneThenSphere }));
        Assert.Contains("plane projection", error.Message);
    }

    [Fact]
    public void Sphere_ZeroCosts_StaysFiniteAndZero()
    {
        using var scope = NewDisposeScope();
        var projected = CostProjection.Sphere.Apply(zeros(2, 4));
        Assert.All(projected.data<float>().ToArray(), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("plane")]
    [InlineData("sphere")]
    [InlineData("plane+sphere")]
    [InlineData("auto")]
    public void Parse_KnownName_RoundTrips(string name)
    {
        Assert.NotNull(CostProjection.Parse(name));
    }

    [Fact]
    public void Parse_UnknownName_ThrowsWithChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => CostProjection.Parse("cube"));
        Assert.Contains("plane+sphere", error.Message);
    }
}
