using Combigrad.Layers;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Tests.Layers;

public sealed class CostGuardTests
{
    private static SolverLayer ShortestPath() => new(new GridShortestPathSolver(3), new IdentityMethod(), name: "paths");

    [Fact]
    public void Forward_NaNCost_ThrowsNamingLayerShapeAndIndex()
    {
        using var layer = ShortestPath();
        using var scope = NewDisposeScope();
        var costs = ones(2, 3, 3);
        costs[1, 2, 0] = tensor(float.NaN);
        var error = Assert.Throws<ArgumentException>(() => layer.call(costs));
        Assert.Contains("paths", error.Message);
        Assert.Contains("[2, 3, 3]", error.Message);
        Assert.Contains("NaN at index [1, 2, 0]", error.Message);
    }

    [Fact]
    public void Forward_InfiniteCost_ThrowsNamingIndex()
    {
        using var layer = ShortestPath();
        using var scope = NewDisposeScope();
        var costs = ones(3, 3);
        costs[0, 1] = tensor(float.NegativeInfinity);
        var error = Assert.Throws<ArgumentException>(() => layer.call(costs));
        Assert.Contains("infinite", error.Message);
        Assert.Contains("[0, 1]", error.Message);
    }

    [Fact]
    public void Forward_NegativeCostForNonNegativeSolver_ThrowsWithHint()
    {
        using var layer = ShortestPath();
        using var scope = NewDisposeScope();
        var costs = ones(4, 3, 3);
        costs[3, 1, 1] = tensor(-0.5f);
        var error = Assert.Throws<ArgumentException>(() => layer.call(costs));
        Assert.Contains("negative", error.Message);
        Assert.Contains("[3, 1, 1]", error.Message);
        Assert.Contains("non-negative", error.Message);
    }

    [Fact]
    public void Forward_WrongTrailingShape_ThrowsWithExpectedShape()
    {
        using var layer = ShortestPath();
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => layer.call(ones(2, 3, 4)));
        Assert.Contains("[..., 3, 3]", error.Message);
        Assert.Contains("[2, 3, 4]", error.Message);
    }

    [Fact]
    public void Forward_IntegerCosts_ThrowsAskingForFloatingPoint()
    {
        using var layer = ShortestPath();
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => layer.call(ones(3, 3, dtype: ScalarType.Int32)));
        Assert.Contains("floating-point", error.Message);
    }

    [Fact]
    public void Constructor_MaximizeWithNonNegativeSolver_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SolverLayer(new GridShortestPathSolver(3), new IdentityMethod(),
            new SolverLayerOptions { Sense = ObjectiveSense.Maximize }));
    }

    [Fact]
    public void Forward_NegativeCostsFromNoiseOnShortestPath_AreClampedNotRejected()
    {
        using var layer = new SolverLayer(new GridShortestPathSolver(3), new BlackboxMethod(20),
            new SolverLayerOptions { NoiseMagnitude = 2.0, NoiseSeed = 4 });
        layer.train();
        using var scope = NewDisposeScope();
        var costs = full(new long[] { 8, 3, 3 }, 0.1f).requires_grad_(true);
        var paths = layer.call(costs);
        (paths * randn(8, 3, 3)).sum().backward();
        Assert.Equal(8 * 3 * 3, paths.numel());
        Assert.True(costs.grad!.isfinite().all().item<bool>());
    }
}
