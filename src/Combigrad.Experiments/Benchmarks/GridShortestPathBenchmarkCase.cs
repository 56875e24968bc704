using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Warcraft-style grid shortest path, one thread: <see cref="GridShortestPathSolver"/> against
/// <see cref="SortedSetDijkstra"/> (a textbook Dijkstra on a <see cref="SortedSet{T}"/>); path costs must match.</summary>
public sealed class GridShortestPathBenchmarkCase(int gridSize, int instanceCount = 50) : ISolverBenchmarkCase
{
    private const float MaxCost = 10f;

    private readonly GridShortestPathSolver _solver = new(gridSize);
    private float[][] _costs = [];
    private float[][] _paths = [];
    private double[] _referenceCosts = [];

    /// <inheritdoc/>
    public string Solver => "GridShortestPath";

    /// <inheritdoc/>
    public string Size => $"{gridSize}x{gridSize}";

    /// <inheritdoc/>
    public string Reference => "Dijkstra on SortedSet";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 10;

    /// <inheritdoc/>
    public int VariantRepetitions => 10;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _costs = Enumerable.Range(0, instanceCount)
            .Select(_ => Enumerable.Range(0, gridSize * gridSize).Select(_ => (float)random.NextDouble() * MaxCost).ToArray())
            .ToArray();
        _paths = _costs.Select(c => new float[c.Length]).ToArray();
        _referenceCosts = new double[instanceCount];
        for (var i = 0; i < instanceCount; i++)
        {
            RunVariant(i);
            RunReference(i);
        }
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solver.Solve(_costs[instance], _paths[instance]);

    /// <inheritdoc/>
    public void RunReference(int instance) => _referenceCosts[instance] = SortedSetDijkstra.ShortestPathCost(gridSize, _costs[instance]);

    /// <inheritdoc/>
    public string Verify()
    {
        const double RelativeTolerance = 1e-9;
        for (var i = 0; i < instanceCount; i++)
        {
            var cost = 0.0;
            for (var c = 0; c < _costs[i].Length; c++) cost += _paths[i][c] * (double)_costs[i][c];
            if (Math.Abs(cost - _referenceCosts[i]) > RelativeTolerance * Math.Abs(cost))
                throw new InvalidOperationException($"Grid instance {i}: path cost {cost}, reference {_referenceCosts[i]}.");
        }
        return $"identical shortest-path costs on all {instanceCount} instances";
    }
}
