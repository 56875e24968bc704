using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>A batch of grid shortest paths through <see cref="BatchSolver"/> on two threads against the same batch
/// on one thread; the outputs must be identical.</summary>
public sealed class GridBatchBenchmarkCase(int gridSize = 30, int batchSize = 70, int threads = 2, int batchCount = 10) : ISolverBenchmarkCase
{
    private const float MaxCost = 10f;

    private readonly GridShortestPathSolver _solver = new(gridSize);
    private float[][] _costs = [];
    private float[][] _parallel = [];
    private float[][] _sequential = [];

    /// <inheritdoc/>
    public string Solver => $"GridShortestPath batch, {threads} threads";

    /// <inheritdoc/>
    public string Size => $"{batchSize} x {gridSize}x{gridSize}";

    /// <inheritdoc/>
    public string Reference => "same batch, 1 thread";

    /// <inheritdoc/>
    public int InstanceCount => batchCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 10;

    /// <inheritdoc/>
    public int VariantRepetitions => 10;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        var length = batchSize * gridSize * gridSize;
        _costs = Enumerable.Range(0, batchCount)
            .Select(_ => Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() * MaxCost).ToArray())
            .ToArray();
        _parallel = _costs.Select(c => new float[c.Length]).ToArray();
        _sequential = _costs.Select(c => new float[c.Length]).ToArray();
        for (var i = 0; i < batchCount; i++)
        {
            RunVariant(i);
            RunReference(i);
        }
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) => _solver.SolveBatch(_costs[instance], _parallel[instance], threads);

    /// <inheritdoc/>
    public void RunReference(int instance) => _solver.SolveBatch(_costs[instance], _sequential[instance], 1);

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < batchCount; i++)
            if (!_parallel[i].AsSpan().SequenceEqual(_sequential[i]))
                throw new InvalidOperationException($"Batch {i}: parallel and sequential solutions differ.");
        return $"identical solutions on all {batchCount} batches; {Environment.ProcessorCount} cores";
    }
}
